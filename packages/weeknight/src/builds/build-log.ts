import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { EventBus } from "../events/event-bus.js";

export interface LogLine {
  n: number;
  stage: string;
  stream: "stdout" | "stderr" | "system";
  at: number;
  text: string;
}

export interface LogWriter {
  append(stage: string, stream: LogLine["stream"], text: string): void;
  /** Writes what is buffered; call before the build's status changes. */
  flush(): void;
}

export interface BuildLogs {
  open(buildId: number, project: string): LogWriter;
  read(buildId: number, after?: number): Promise<LogLine[]>;
}

const FLUSH_AFTER_MS = 25;
const FLUSH_AFTER_LINES = 500;

/**
 * Logs are NDJSON files, one per build. Lines are written in small batches and only
 * then published, so anything a follower saw on the event stream is already on disk.
 */
export function createBuildLogs(deps: { dir: string; bus: EventBus; clock: Clock }): BuildLogs {
  mkdirSync(deps.dir, { recursive: true });
  const pathOf = (buildId: number) => join(deps.dir, `${buildId}.ndjson`);

  return {
    open(buildId, project) {
      const path = pathOf(buildId);
      writeFileSync(path, "");
      let n = 0;
      let pending: LogLine[] = [];
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (pending.length === 0) return;
        const lines = pending;
        pending = [];
        appendFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
        deps.bus.publish("build.log", { project, buildId, lines });
      };
      return {
        append(stage, stream, text) {
          pending.push({ n: ++n, stage, stream, at: deps.clock.now(), text });
          if (pending.length >= FLUSH_AFTER_LINES) flush();
          else timer ??= setTimeout(flush, FLUSH_AFTER_MS);
        },
        flush,
      };
    },
    async read(buildId, after = 0) {
      let text: string;
      try {
        text = await readFile(pathOf(buildId), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const lines: LogLine[] = [];
      for (const raw of text.split("\n")) {
        if (!raw) continue;
        const line = JSON.parse(raw) as LogLine;
        if (line.n > after) lines.push(line);
      }
      return lines;
    },
  };
}
