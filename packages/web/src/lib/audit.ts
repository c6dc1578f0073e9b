import { formatTimestamp } from "./time.js";

/** The audit page's filters, each kept in the URL under its own name. */
export const auditFilterNames = ["project", "environment", "action", "actor"] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];
export type AuditFilters = Record<AuditFilterName, string>;

export function readAuditFilters(search: URLSearchParams): AuditFilters {
  const filters = {} as AuditFilters;
  for (const name of auditFilterNames) filters[name] = search.get(name)?.trim() ?? "";
  return filters;
}

/** The URL query for the filters: empty ones are left out, so "no filter" is a clean address. */
export function auditSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = filters[name].trim();
    if (value) search.set(name, value);
  }
  return search;
}

/** Actions the server records, offered as suggestions; `deploy.` matches every deploy action. */
export const knownActions = [
  "deploy",
  "deploy.forced",
  "rollback",
  "approve",
  "block",
  "unblock",
  "policy.changed",
  "build.trigger",
  "build.cancel",
  "incident.open",
  "silence.add",
  "silence.end",
  "project.add",
  "project.remove",
  "secret.set",
  "secret.delete",
  "user.create",
  "user.role",
  "token.create",
  "token.delete",
];

const MAX_VALUE = 80;
const MAX_SUMMARY = 240;
/** Timestamps in details are epoch ms; anything this large is one. */
const EPOCH_MS_FLOOR = 1e12;

/**
 * An entry's details in one line: "reason: support sees errors · expires at: 30 Nov 2026, 14:00:00".
 * Empty values are left out; long values and the line itself are cut with an ellipsis.
 */
export function summariseDetails(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    const text = describeValue(key, value);
    if (text !== null) parts.push(`${humanKey(key)}: ${text}`);
  }
  return cut(parts.join(" · "), MAX_SUMMARY);
}

function describeValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value))
    return value.length === 0 ? null : cut(value.map(String).join(", "), MAX_VALUE);
  if (typeof value === "number" && /At$/.test(key) && value >= EPOCH_MS_FLOOR) {
    return formatTimestamp(value);
  }
  if (typeof value === "object") return cut(JSON.stringify(value), MAX_VALUE);
  return cut(String(value), MAX_VALUE);
}

/** "expiresAt" → "expires at", "build_id" → "build id". */
function humanKey(key: string): string {
  return key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
