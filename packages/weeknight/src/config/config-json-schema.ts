import { z } from "zod";
import { weeknightConfigSchema } from "./config-schema.js";

/** A stable identifier, not a download location: editors are pointed at the file itself. */
export const CONFIG_SCHEMA_ID = "urn:weeknight:weeknight.schema.json";

/**
 * JSON Schema of what an author may write in weeknight.yml (the input side, so durations
 * are strings or numbers and defaulted fields are optional). Draft-07 because it is the
 * draft every YAML editor (yaml-language-server, JetBrains) understands fully.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(weeknightConfigSchema, { io: "input", target: "draft-07" });
  const { $schema, description: _description, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: "weeknight.yml",
    description:
      "Configuration of a Weeknight project: how each commit is built and tested, what it keeps as its artifact, and who is told when a build fails or is fixed.",
    ...rest,
  };
}

const LINE_WIDTH = 100;

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function renderValue(value: unknown, indent: string, lineStart: number, suffix: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inline = `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    if (value.every(isPrimitive) && lineStart + inline.length + suffix.length <= LINE_WIDTH) {
      return inline;
    }
    const inner = `${indent}  `;
    const items = value.map((item, i) => {
      const comma = i < value.length - 1 ? "," : "";
      return `${inner}${renderValue(item, inner, inner.length, comma)}${comma}`;
    });
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const lines = entries.map(([key, item], i) => {
      const comma = i < entries.length - 1 ? "," : "";
      const head = `${inner}${JSON.stringify(key)}: `;
      return `${head}${renderValue(item, inner, head.length, comma)}${comma}`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * JSON laid out the way the repository's formatter (Biome) lays it out: maps one key per line,
 * short lists of scalars on one line. Plain JSON.stringify would fail `biome check`.
 */
export function formatJson(value: unknown): string {
  return `${renderValue(value, "", 0, "")}\n`;
}

/** The committed packages/weeknight/weeknight.schema.json, exactly. */
export function renderConfigJsonSchema(): string {
  return formatJson(configJsonSchema());
}
