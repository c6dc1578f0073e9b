import { parseTrailers } from "../risk/commit-trailers.js";

/** One commit as a line of release notes. */
export interface NoteEntry {
  sha: string;
  /** Conventional Commits type (`feat`, `fix`, `perf`, …), or `other`. */
  type: string;
  scope: string | null;
  breaking: boolean;
  /** The subject without its `type(scope)!:` prefix. */
  subject: string;
  /** What customers read; null keeps the commit internal. */
  customer: string | null;
  author: string;
  committedAt: number;
}

const HEADER = /^([a-zA-Z]+)(?:\(([^()\r\n]*)\))?(!)?:[ \t]*(.+)$/;
/** Types customers hear about unless a `Changelog:` trailer says otherwise. */
const CUSTOMER_TYPES = new Set(["feat", "fix", "perf"]);

/** Internal sections, in order; types not listed go to "Other changes". */
export const SECTIONS: { types: string[]; internal: string; customer: string }[] = [
  { types: ["feat"], internal: "Features", customer: "New" },
  { types: ["fix"], internal: "Fixes", customer: "Fixed" },
  { types: ["perf"], internal: "Performance", customer: "Faster" },
  { types: ["revert"], internal: "Reverts", customer: "Changed" },
  { types: ["docs"], internal: "Documentation", customer: "Changed" },
  { types: ["refactor", "style"], internal: "Refactoring", customer: "Changed" },
  { types: ["test", "build", "ci", "chore"], internal: "Tests and tooling", customer: "Changed" },
];

function sectionOf(type: string) {
  return SECTIONS.find((s) => s.types.includes(type));
}

/**
 * A commit as a note: its Conventional Commits header, and a `Changelog:` trailer that gives the
 * customer-facing sentence (`Changelog: none` hides the commit from customers). Without the
 * trailer, features, fixes and performance work reach customers by their subject.
 */
export function noteEntry(commit: {
  sha: string;
  message: string;
  authorName: string;
  committedAt: number;
}): NoteEntry {
  const [firstLine = ""] = commit.message.split(/\r?\n/);
  const header = HEADER.exec(firstLine.trim());
  const type = header?.[1]?.toLowerCase() ?? "other";
  const subject = (header?.[4] ?? firstLine).trim();
  const trailers = parseTrailers(commit.message);
  const trailer = trailers.filter((t) => t.key.toLowerCase() === "changelog").at(-1)?.value;
  // Conventional Commits' footer has a space in it, which git's trailer syntax does not allow.
  const breaking = header?.[3] === "!" || /^BREAKING[ -]CHANGE:/m.test(commit.message);
  const customer =
    trailer === undefined || trailer === ""
      ? CUSTOMER_TYPES.has(type)
        ? subject
        : null
      : trailer.toLowerCase() === "none"
        ? null
        : trailer;
  return {
    sha: commit.sha,
    type,
    scope: header?.[2]?.trim() || null,
    breaking,
    subject,
    customer,
    author: commit.authorName,
    committedAt: commit.committedAt,
  };
}

/** Markdown special characters in commit text are shown as typed, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Everything, for the team: by section, each line with scope, subject, short sha (linked when
 * `commitUrl` knows how) and author; breaking changes flagged.
 */
export function internalMarkdown(
  entries: NoteEntry[],
  commitUrl: (sha: string) => string | null,
): string {
  if (entries.length === 0) return "No changes.\n";
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const title = sectionOf(e.type)?.internal ?? "Other changes";
    const sha = e.sha.slice(0, 7);
    const url = commitUrl(e.sha);
    const ref = url ? `[${sha}](${url})` : `\`${sha}\``;
    const scope = e.scope ? `**${escapeMarkdown(e.scope)}:** ` : "";
    const breaking = e.breaking ? "**BREAKING** " : "";
    const hidden =
      CUSTOMER_TYPES.has(e.type) && e.customer === null ? " _(not for customers)_" : "";
    const line = `- ${breaking}${scope}${escapeMarkdown(e.subject)} (${ref}, ${escapeMarkdown(e.author)})${hidden}`;
    groups.set(title, [...(groups.get(title) ?? []), line]);
  }
  const order = [...SECTIONS.map((s) => s.internal), "Other changes"];
  return `${order
    .filter((title) => groups.has(title))
    .map((title) => `### ${title}\n\n${(groups.get(title) ?? []).join("\n")}`)
    .join("\n\n")}\n`;
}

/** Only what customers should read, as sentences under New / Fixed / Faster / Changed. */
export function customerMarkdown(entries: NoteEntry[]): string {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    if (e.customer === null) continue;
    const title = sectionOf(e.type)?.customer ?? "Changed";
    groups.set(title, [...(groups.get(title) ?? []), `- ${escapeMarkdown(sentence(e.customer))}`]);
  }
  const order = [...new Set(SECTIONS.map((s) => s.customer))];
  const text = order
    .filter((title) => groups.has(title))
    .map((title) => `### ${title}\n\n${(groups.get(title) ?? []).join("\n")}`)
    .join("\n\n");
  return text === "" ? "" : `${text}\n`;
}
