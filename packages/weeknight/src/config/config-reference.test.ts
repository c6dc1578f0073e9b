import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema, formatJson } from "./config-json-schema.js";
import { formatProblem, parseConfig } from "./config-loader.js";
import { generatedConfigFiles, renderConfigReference } from "./config-reference.js";
import { CONFIG_REFERENCE_INTRO } from "./config-reference-intro.js";
import { referencedSecrets } from "./config-secrets.js";

const REGENERATE = "npx tsx packages/weeknight/src/config/write-config-docs.ts";

function codeBlocks(markdown: string, language: string): string[] {
  const fence = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g");
  return [...markdown.matchAll(fence)].map((match) => match[1] ?? "");
}

type JsonSchema = Record<string, unknown>;

/** Every property schema in the document, with its path, through lists and alternatives. */
function properties(schema: JsonSchema, path = ""): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = [];
  const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, field] of Object.entries(own)) {
    found.push([`${path}${key}`, field], ...properties(field, `${path}${key}.`));
  }
  const items = schema.items as JsonSchema | undefined;
  if (items) found.push(...properties(items, path.replace(/\.$/, "[].")));
  for (const option of (schema.oneOf ?? []) as JsonSchema[])
    found.push(...properties(option, path));
  return found;
}

describe("generated configuration files", () => {
  it.each(generatedConfigFiles())("$name matches the schema", (file) => {
    const committed = readFileSync(file.path, "utf8");
    expect(committed, `${file.name} is out of date — run: ${REGENERATE}`).toBe(file.render());
  });
});

describe("docs/configuration.md", () => {
  it("opens with a complete example that Weeknight accepts", () => {
    const [example] = codeBlocks(CONFIG_REFERENCE_INTRO, "yaml");
    const result = parseConfig(example ?? "");
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok && result.config.build.stages.map((stage) => stage.name)).toEqual([
      "install",
      "unit",
      "integration",
      "package",
    ]);
    expect(result.ok && referencedSecrets(result.config)).toEqual([
      "HOOK_SECRET",
      "SLACK_WEBHOOK_URL",
      "TEST_DATABASE_URL",
    ]);
  });

  it("shows the exact problems Weeknight reports for its broken example", () => {
    const broken = codeBlocks(CONFIG_REFERENCE_INTRO, "yaml").find((block) =>
      block.includes("type: sms"),
    );
    const [shown] = codeBlocks(CONFIG_REFERENCE_INTRO, "text");
    const result = parseConfig(broken ?? "");
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(shown?.trim().split("\n"));
  });

  it("documents every setting with its path, type and default", () => {
    // Cells are padded for alignment; compare them trimmed.
    const rows = renderConfigReference()
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| /, "").trim()));
    const row = (field: string) => rows.find(([path]) => path === `\`${field}\``)?.slice(1, 3);
    expect(row("build.timeout")).toEqual(["duration", "`30m`"]);
    expect(row("build.stages[].run")).toEqual(["string", "**required**"]);
    expect(row("build.stages[].timeout")).toEqual(["duration", "optional"]);
    expect(row("build.artifact.paths")).toEqual(["list of string", "`[.]`"]);
    expect(row("notify[].authors")).toEqual(["boolean", "`true`"]);
    expect(renderConfigReference()).toContain("### `notify[] (type: email)`");
  });
});

describe("weeknight.schema.json", () => {
  const schema = configJsonSchema();

  it("identifies itself for editors", () => {
    expect(schema).toMatchObject({
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: expect.stringMatching(/^urn:weeknight:/),
      title: "weeknight.yml",
      required: ["project", "build"],
      additionalProperties: false,
    });
  });

  it("describes every setting and rejects unknown keys in every map", () => {
    const all = properties(schema);
    expect(all.map(([path]) => path)).toContain("notify[].smtp");
    const undescribed = all.filter(([, field]) => typeof field.description !== "string");
    expect(undescribed.map(([path]) => path)).toEqual([]);
    const open = all.filter(
      ([, field]) => field.properties && field.additionalProperties !== false,
    );
    expect(open.map(([path]) => path)).toEqual([]);
  });

  it("offers the defaults an author may leave out", () => {
    const build = (schema.properties as Record<string, JsonSchema>).build as JsonSchema;
    expect((build.properties as Record<string, JsonSchema>).timeout?.default).toBe("30m");
  });
});

describe("formatJson", () => {
  it("lays JSON out as the repository's formatter does", () => {
    const long = Array.from({ length: 12 }, (_, i) => `a-rather-long-value-${i}`);
    expect(formatJson({ short: ["a", "b"], empty: [], none: {}, long })).toBe(
      [
        "{",
        '  "short": ["a", "b"],',
        '  "empty": [],',
        '  "none": {},',
        '  "long": [',
        ...long.map((v, i) => `    "${v}"${i < long.length - 1 ? "," : ""}`),
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });
});
