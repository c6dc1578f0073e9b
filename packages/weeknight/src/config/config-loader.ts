import { type Document, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { keysAtPath } from "./config-keys.js";
import { humanIssueMessage, unknownKeyMessage } from "./config-messages.js";
import { positionOf } from "./config-positions.js";
import { type WeeknightConfig, weeknightConfigSchema } from "./config-schema.js";

export const DEFAULT_CONFIG_FILE = "weeknight.yml";

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path with `[i]` for list items, e.g. `build.stages[1].run`; `(root)` for the file. */
  path: string;
  message: string;
}

export type ConfigResult =
  | { ok: true; config: WeeknightConfig }
  | { ok: false; problems: ConfigProblem[] };

const ROOT = "(root)";

const EMPTY_FILE_MESSAGE =
  "the file is empty — at minimum write `project: my-app` and a build stage, e.g. " +
  "`build: { stages: [{ name: test, run: npm test }] }`";

export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(String(segment))) {
      text += text === "" ? String(segment) : `.${String(segment)}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === "" ? ROOT : text;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`;
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return a.line - b.line || a.column - b.column;
}

function syntaxProblems(doc: Document, lines: LineCounter, file: string): ConfigProblem[] {
  return doc.errors.map((error) => {
    const { line, col } = lines.linePos(error.pos[0]);
    return { file, line, column: col, path: ROOT, message: `invalid YAML: ${error.message}` };
  });
}

function issueProblems(
  issue: z.core.$ZodIssue,
  doc: Document,
  lines: LineCounter,
  file: string,
  data: unknown,
): ConfigProblem[] {
  if (issue.code === "unrecognized_keys") {
    const keys = keysAtPath(weeknightConfigSchema, issue.path, data);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const message = unknownKeyMessage(key, keys, (child) => formatPath([...issue.path, child]));
      return { file, ...positionOf(doc, lines, path, "key"), path: formatPath(path), message };
    });
  }
  // A bad map key is reported at the key, not at its value.
  const at = issue.code === "invalid_key" ? "key" : "value";
  const position = positionOf(doc, lines, issue.path, at);
  return [{ file, ...position, path: formatPath(issue.path), message: issue.message }];
}

/**
 * Parses and validates the text of a weeknight.yml. Never throws for bad input: every problem
 * (syntax, types, unknown keys, …) is returned with its line and column, sorted by position.
 */
export function parseConfig(text: string, file: string = DEFAULT_CONFIG_FILE): ConfigResult {
  const lines = new LineCounter();
  // prettyErrors would append a code frame to messages; problems are one line each.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: syntaxProblems(doc, lines, file).sort(byPosition) };
  }
  if (doc.contents === null) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, path: ROOT, message: EMPTY_FILE_MESSAGE }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. an alias expanded too many times ("billion laughs"): refuse rather than hang.
    const message = `invalid YAML: ${(error as Error).message}`;
    return { ok: false, problems: [{ file, line: 1, column: 1, path: ROOT, message }] };
  }
  const result = weeknightConfigSchema.safeParse(data, { error: humanIssueMessage });
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.flatMap((issue) =>
    issueProblems(issue, doc, lines, file, data),
  );
  return { ok: false, problems: problems.sort(byPosition) };
}
