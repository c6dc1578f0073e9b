import type { ApplyContext, ReleaseSpec, Target } from "../targets/target.js";

export interface ResumeOutcome {
  step: "succeeded" | "rolled-back" | "failed";
  detail: string;
}

/**
 * What a deployment a restart interrupted becomes: followed to its end where the target
 * holds it (the agent), confirmed when its release is live and healthy, and otherwise
 * rolled back to the previous release — never left half-done.
 */
export async function finishAfterRestart(input: {
  target: Target<unknown>;
  release: ReleaseSpec;
  previous: ReleaseSpec | null;
  context: ApplyContext;
}): Promise<ResumeOutcome> {
  const { target, release, previous, context } = input;
  if (target.resumable) {
    const result = await target.apply(target.plan(release, previous), context);
    return result.status === "succeeded"
      ? { step: "succeeded", detail: "resumed after a restart" }
      : { step: result.status, detail: result.reason };
  }
  const status = await target.status();
  if (status.live === release.id && status.healthy) {
    return { step: "succeeded", detail: "confirmed live after a restart" };
  }
  if (!previous) return { step: "failed", detail: "interrupted by a restart before it went live" };
  await context.step("rolling-back", "interrupted by a restart: returning to the previous release");
  const result = await target.rollback(previous, context);
  return result.status === "succeeded"
    ? { step: "rolled-back", detail: "interrupted by a restart" }
    : { step: "failed", detail: result.reason };
}
