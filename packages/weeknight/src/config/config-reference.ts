import { fileURLToPath } from "node:url";
import { configJsonSchema, renderConfigJsonSchema } from "./config-json-schema.js";
import { CONFIG_REFERENCE_INTRO } from "./config-reference-intro.js";

type JsonSchema = Record<string, unknown>;

interface Row {
  path: string;
  type: string;
  default: string;
  description: string;
}

interface Section {
  heading: string;
  description: string;
  rows: Row[];
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  return Object.entries(properties).filter((entry): entry is [string, JsonSchema] =>
    isSchema(entry[1]),
  );
}

function alternatives(schema: JsonSchema): JsonSchema[] {
  const options = schema.oneOf ?? schema.anyOf;
  return Array.isArray(options) ? options.filter(isSchema) : [];
}

function typeLabel(schema: JsonSchema): string {
  if (typeof schema.title === "string") return schema.title;
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(" or ");
  const options = alternatives(schema);
  if (options.length > 0) return [...new Set(options.map(typeLabel))].join(" or ");
  if (schema.type === "array" && isSchema(schema.items))
    return `list of ${typeLabel(schema.items)}`;
  if (schema.type === "object") {
    return isSchema(schema.additionalProperties)
      ? `map of ${typeLabel(schema.additionalProperties)}`
      : "map";
  }
  if (schema.format === "email") return "email address";
  return String(schema.type ?? "any");
}

function defaultLabel(schema: JsonSchema, required: boolean): string {
  if (required) return "**required**";
  // A section's own defaults are listed field by field, so `{}` would say nothing.
  if (schema.default === undefined || propertiesOf(schema).length > 0) return "optional";
  return `\`${yamlFlow(schema.default)}\``;
}

/** Defaults are shown as they would be written in weeknight.yml, not as JSON. */
function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(", ")}]`;
  if (typeof value === "string") return /^[\w./-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * Object schemas nested under a field, each with the path suffix that reaches it: through
 * lists (`[]`), maps keyed by a name (`.<name>`) and alternatives (labelled by their `type`).
 */
function nestedObjects(
  schema: JsonSchema,
): { suffix: string; label: string; schema: JsonSchema }[] {
  if (propertiesOf(schema).length > 0) return [{ suffix: "", label: "", schema }];
  const through = (inner: JsonSchema, prefix: string) =>
    nestedObjects(inner).map((n) => ({ ...n, suffix: `${prefix}${n.suffix}` }));
  if (schema.type === "array" && isSchema(schema.items)) return through(schema.items, "[]");
  if (isSchema(schema.additionalProperties)) return through(schema.additionalProperties, ".<name>");
  return alternatives(schema).flatMap((option) => {
    if (propertiesOf(option).length === 0) return [];
    const type = propertiesOf(option).find(([key]) => key === "type")?.[1].const;
    return [
      { suffix: "", label: type === undefined ? "" : ` (type: ${String(type)})`, schema: option },
    ];
  });
}

function collectSections(
  schema: JsonSchema,
  path: string,
  heading: string,
  sections: Section[],
): void {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const properties = propertiesOf(schema);
  sections.push({
    heading,
    description: typeof schema.description === "string" ? schema.description : "",
    rows: properties.map(([key, field]) => ({
      path: path === "" ? key : `${path}.${key}`,
      type: typeLabel(field),
      default: defaultLabel(field, required.includes(key)),
      description: typeof field.description === "string" ? field.description : "",
    })),
  });
  for (const [key, field] of properties) {
    for (const nested of nestedObjects(field)) {
      const nestedPath = `${path === "" ? key : `${path}.${key}`}${nested.suffix}`;
      collectSections(nested.schema, nestedPath, `${nestedPath}${nested.label}`, sections);
    }
  }
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** Pads every column to its widest cell, as the repository's formatter (Biome) lays out tables. */
function renderTable(rows: readonly string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(3, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const [header = [], ...body] = rows;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)];
}

function renderSection(section: Section): string {
  const lines = [section.heading === "" ? "### Top level" : `### \`${section.heading}\``, ""];
  if (section.description !== "") lines.push(section.description, "");
  const rows = section.rows.map((row) => [
    `\`${row.path}\``,
    cell(row.type),
    cell(row.default),
    cell(row.description),
  ]);
  lines.push(...renderTable([["Field", "Type", "Default", "Description"], ...rows]));
  return lines.join("\n");
}

/** The whole of docs/configuration.md: the hand-written intro, then the reference from the schema. */
export function renderConfigReference(): string {
  const sections: Section[] = [];
  collectSections(configJsonSchema(), "", "", sections);
  return [
    "<!-- Generated by packages/weeknight/src/config/write-config-docs.ts: edit the schema or the intro, then run `npx tsx packages/weeknight/src/config/write-config-docs.ts`. -->",
    "",
    CONFIG_REFERENCE_INTRO,
    "## Configuration reference",
    "",
    "Every setting, generated from the schema that Weeknight validates the file with.",
    "",
    sections.map(renderSection).join("\n\n"),
    "",
  ].join("\n");
}

export interface GeneratedFile {
  /** Path from the repository root, for messages. */
  name: string;
  /** Absolute path on disk. */
  path: string;
  render: () => string;
}

/** The committed files generated from the schema; resolved from this file so any cwd works. */
export function generatedConfigFiles(): GeneratedFile[] {
  const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
  return [
    {
      name: "packages/weeknight/weeknight.schema.json",
      path: at("../../weeknight.schema.json"),
      render: renderConfigJsonSchema,
    },
    {
      name: "docs/configuration.md",
      path: at("../../../../docs/configuration.md"),
      render: renderConfigReference,
    },
  ];
}
