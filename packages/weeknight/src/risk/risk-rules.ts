import picomatch from "picomatch";
import type { RiskConfig, RiskRule } from "../config/risk-schema.js";
import type { ChangedFile } from "../sources/git-commands.js";
import type { CommitInfo } from "../sources/git-mirror.js";
import { riskTrailer } from "./commit-trailers.js";

/**
 * How risky a change (the commits between what is live and a candidate) is, by the
 * `risk:` rules of weeknight.yml and the commits' `Risk:` trailers. Pure: the caller
 * brings the commits and the aggregate diff.
 */

export type { ChangedFile };

export interface Change {
  /** From `GitMirror.commitsBetween`. */
  commits: Pick<CommitInfo, "sha" | "message" | "authorName" | "authorEmail">[];
  /** From `GitMirror.changedFiles`: the aggregate diff, renamed files by their new path. */
  files: ChangedFile[];
}

export interface RiskReason {
  level: string;
  text: string;
  /** Index in `config.rules`; null for a commit's `Risk:` trailer. */
  rule: number | null;
}

export interface RiskAssessment {
  /** The highest level of any reason; the lowest level when there is none. */
  level: string;
  /** The configured levels, lowest first. */
  levels: string[];
  /** Highest level first; at one level, rules in config order, then trailers. */
  reasons: RiskReason[];
}

// Manifests and lock files of the common package managers, wherever they are in the tree.
const DEPENDENCY_FILES = new Set([
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "go.mod",
  "go.sum",
  "Gemfile",
  "Gemfile.lock",
  "Pipfile",
  "Pipfile.lock",
  "poetry.lock",
  "pyproject.toml",
  "Cargo.toml",
  "Cargo.lock",
  "composer.json",
  "composer.lock",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "mix.exs",
  "mix.lock",
]);
const REQUIREMENTS = /^requirements.*\.txt$/;

export function isDependencyFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return DEPENDENCY_FILES.has(name) || REQUIREMENTS.test(name);
}

export function assessRisk(config: RiskConfig, change: Change): RiskAssessment {
  const { levels } = config;
  const rank = (level: string) => levels.indexOf(level);
  const fromRules = config.rules.flatMap((rule, i): RiskReason[] => {
    const text = ruleText(rule, change);
    return text === null ? [] : [{ level: rule.level, text, rule: i }];
  });
  const reasons = [
    ...keepHighestSizeRules(config.rules, fromRules, rank),
    ...trailerReasons(config, change),
  ];
  reasons.sort((a, b) => rank(b.level) - rank(a.level));
  return { level: reasons[0]?.level ?? levels[0] ?? "", levels: [...levels], reasons };
}

/** `high: touches billing (src/billing/pay.ts), 1,240 lines changed` — or just the level. */
export function describeRisk(assessment: RiskAssessment): string {
  const texts = assessment.reasons.map((reason) => reason.text);
  return texts.length === 0 ? assessment.level : `${assessment.level}: ${texts.join(", ")}`;
}

function ruleText(rule: RiskRule, change: Change): string | null {
  if ("paths" in rule) {
    const { globs, files } = matchGlobs(rule.paths, change.files);
    return files.length === 0
      ? null
      : withFiles(rule.reason ?? `touches ${globs.join(", ")}`, files);
  }
  if ("migrations" in rule) {
    const { files } = matchGlobs(rule.migrations, change.files);
    return files.length === 0
      ? null
      : withFiles(rule.reason ?? "adds or changes migrations", files);
  }
  if ("dependencies" in rule) {
    const files = change.files.filter((file) => isDependencyFile(file.path));
    return files.length === 0 ? null : withFiles(rule.reason ?? "changes dependencies", files);
  }
  if ("lines" in rule) {
    const lines = change.files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
    return lines < rule.lines ? null : withDetail(rule.reason, `${count(lines)} lines changed`);
  }
  const files = change.files.length;
  return files < rule.files ? null : withDetail(rule.reason, `${count(files)} files changed`);
}

function matchGlobs(globs: string[], files: ChangedFile[]) {
  const matchers = globs.map((glob) => ({ glob, test: picomatch(glob, { dot: true }) }));
  const used = new Set<string>();
  const matched = files.filter((file) => {
    const hits = matchers.filter((matcher) => matcher.test(file.path));
    for (const hit of hits) used.add(hit.glob);
    return hits.length > 0;
  });
  return { globs: globs.filter((glob) => used.has(glob)), files: matched };
}

function withFiles(text: string, files: ChangedFile[]): string {
  const [first, ...rest] = files.map((file) => file.path);
  const shown = rest.length <= 1 ? [first, ...rest].join(", ") : `${first} and ${rest.length} more`;
  return `${text} (${shown})`;
}

function withDetail(reason: string | undefined, detail: string): string {
  return reason === undefined ? detail : `${reason} (${detail})`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Of the size rules of one kind (lines, files) that match, only the highest level says so. */
function keepHighestSizeRules(
  rules: RiskRule[],
  reasons: RiskReason[],
  rank: (level: string) => number,
): RiskReason[] {
  const best = new Map<string, RiskReason>();
  for (const reason of reasons) {
    const kind = sizeKind(rules[reason.rule ?? -1]);
    const known = kind && best.get(kind);
    if (kind && (!known || rank(reason.level) > rank(known.level))) best.set(kind, reason);
  }
  return reasons.filter((reason) => {
    const kind = sizeKind(rules[reason.rule ?? -1]);
    return !kind || best.get(kind) === reason;
  });
}

function sizeKind(rule: RiskRule | undefined): "lines" | "files" | null {
  if (rule && "lines" in rule) return "lines";
  if (rule && "files" in rule) return "files";
  return null;
}

function trailerReasons(config: RiskConfig, change: Change): RiskReason[] {
  const highest = config.levels.at(-1) ?? "";
  return change.commits.flatMap((commit): RiskReason[] => {
    const said = riskTrailer(commit.message);
    if (said === null) return [];
    const text = `${commit.sha.slice(0, 7)} says Risk: ${said}`;
    return config.levels.includes(said)
      ? [{ level: said, text, rule: null }]
      : [{ level: highest, text: `${text} (not a level: treated as ${highest})`, rule: null }];
  });
}
