import type { AgentClient } from "../../targets/process/agent-client.js";
import type { SourceLine } from "./file-tail.js";

export interface ReleaseLogSource {
  /** The serving release's stdout/stderr lines not returned before (none when `release` is null). */
  poll(release: string | null): Promise<SourceLine[]>;
  /** Lines that may have been missed: more were written between two polls than one tail holds. */
  readonly missed: number;
}

/** The most lines the agent returns at once (its `MAX_TAIL`). */
const AGENT_MAX_TAIL = 10_000;

/** `<ISO time> <stdout|stderr|agent> <text>`, as the agent's release log writes each line. */
const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (stdout|stderr|agent) /;

/**
 * The agent keeps each release's output in a log; its API returns the last lines only. New lines
 * are told from old ones by their timestamps (non-decreasing in one log), and lines within the
 * same millisecond by how many of them were already returned.
 */
export function createReleaseLogSource(deps: {
  agent: Pick<AgentClient, "logs">;
  /** `<project>/<environment>`. */
  app: string;
  tail?: number;
}): ReleaseLogSource {
  const tail = deps.tail ?? AGENT_MAX_TAIL;
  let current: string | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  let seenAtLast = 0;
  let missed = 0;

  return {
    get missed() {
      return missed;
    },
    async poll(release) {
      if (release === null) return [];
      if (release !== current) {
        current = release;
        lastAt = Number.NEGATIVE_INFINITY;
        seenAtLast = 0;
      }
      const raw = await deps.agent.logs(deps.app, release, tail);
      const parsed = raw.map(parseReleaseLine);
      const firstAt = parsed[0]?.at ?? null;
      if (
        raw.length >= tail &&
        firstAt !== null &&
        firstAt > lastAt &&
        lastAt > Number.NEGATIVE_INFINITY
      ) {
        missed++;
      }
      const fresh: SourceLine[] = [];
      let oldAtLast = 0;
      const previousLast = lastAt;
      const previousSeen = seenAtLast;
      let at = Number.NEGATIVE_INFINITY;
      for (const line of parsed) {
        // A line without a timestamp belongs with the one before it.
        at = line.at ?? at;
        if (at < previousLast) continue;
        if (at === previousLast && oldAtLast < previousSeen) {
          oldAtLast++;
          continue;
        }
        if (at > lastAt) {
          lastAt = at;
          seenAtLast = 0;
        }
        seenAtLast++;
        if (line.text !== null) fresh.push({ at, text: line.text });
      }
      return fresh;
    },
  };
}

/** Splits an agent log line; the agent's own lines (`agent`) are not the app's and have no text. */
export function parseReleaseLine(raw: string): { at: number | null; text: string | null } {
  const match = LINE.exec(raw);
  if (!match) return { at: null, text: raw };
  const at = Date.parse(match[1] ?? "");
  return {
    at: Number.isNaN(at) ? null : at,
    text: match[2] === "agent" ? null : raw.slice(match[0].length),
  };
}
