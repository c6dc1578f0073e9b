import { setTimeout as sleep } from "node:timers/promises";
import { type ApiClient, ApiError } from "./api-client.js";
import { type Build, type DomainEvent, finishedStatuses, type LogLine } from "./api-types.js";

const MAX_RECONNECTS = 5;

/**
 * Streams a build's log until the build ends and returns the finished build. A dropped
 * connection (e.g. the server restarting) resumes after the last line already seen.
 */
export async function followLog(
  client: ApiClient,
  buildId: number,
  onLines: (lines: LogLine[]) => void,
  signal?: AbortSignal,
): Promise<Build> {
  let last = 0;
  let failures = 0;
  for (;;) {
    let problem: Error;
    try {
      const stream = await client.events(
        `/builds/${buildId}/log`,
        { follow: "true", after: last },
        signal,
      );
      for await (const message of stream) {
        if (message.event === "end") return JSON.parse(message.data) as Build;
        if (message.event !== "log") continue;
        const fresh = (JSON.parse(message.data) as LogLine[]).filter((line) => line.n > last);
        last = fresh.at(-1)?.n ?? last;
        if (fresh.length > 0) onLines(fresh);
        failures = 0;
      }
      problem = new Error("the server closed the log stream early");
    } catch (error) {
      if (error instanceof ApiError || signal?.aborted) throw error;
      problem = error as Error;
    }
    if (signal?.aborted) throw new Error("stopped");
    if (++failures > MAX_RECONNECTS) {
      throw new Error(
        `${problem.message} (gave up after ${MAX_RECONNECTS} retries): run \`weeknight build logs ${buildId} --follow\` again`,
      );
    }
    await sleep(500 * failures);
  }
}

/**
 * Triggers a build and reports its events until it ends. The event stream is opened
 * first, so even a build that finishes at once cannot slip past unseen.
 */
export async function triggerAndWatch(
  client: ApiClient,
  project: string,
  trigger: () => Promise<Build>,
  report: { queued(build: Build): void; event(event: DomainEvent): void },
): Promise<Build> {
  const abort = new AbortController();
  try {
    const stream = await client.events("/events", { types: "build.*", project }, abort.signal);
    const build = await trigger();
    report.queued(build);
    if (!finishedStatuses.has(build.status)) {
      for await (const message of stream) {
        const event = JSON.parse(message.data) as DomainEvent;
        if (event.data.buildId !== build.id) continue;
        report.event(event);
        if (["build.passed", "build.failed", "build.cancelled"].includes(event.type)) break;
      }
    }
    const finished = await client.get<Build>(`/builds/${build.id}`);
    if (!finishedStatuses.has(finished.status)) {
      throw new Error(
        `lost track of build ${build.id} (still ${finished.status}): follow it with \`weeknight build logs ${build.id} --follow\``,
      );
    }
    return finished;
  } finally {
    abort.abort();
  }
}
