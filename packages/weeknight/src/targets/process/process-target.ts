import type { AppStatus, DesiredState } from "../../agent/agent-schema.js";
import type { ProcessTargetConfig } from "../../config/config-schema.js";
import { ConflictError, DomainError, NotFoundError } from "../../errors/domain-errors.js";
import type { ApplyContext, ApplyResult, Target, TargetStatus } from "../target.js";
import { type AgentClient, AgentUnreachableError } from "./agent-client.js";
import { type ProcessPlanOptions, planProcessRelease } from "./process-plan.js";

export interface ProcessTargetDeps {
  config: ProcessTargetConfig;
  /** `<project>/<environment>`, the agent's name for this environment's app. */
  app: string;
  agent: AgentClient;
  plan?: ProcessPlanOptions;
  /** How often the agent's status is read while waiting (default 250 ms). */
  pollMs?: number;
  /**
   * Upload artifacts to the agent before deploying: for an agent on another machine
   * (`target.agent` set), which cannot read the server's artifact store. Default: when
   * `config.agent` is set.
   */
  uploadArtifacts?: boolean;
}

/**
 * Deploys to a Weeknight agent: the plan is the agent's desired state, and the agent does
 * the rest (health gate, canary, analysis, promotion, rollback) on its own, so a server
 * that stops mid-deploy loses nothing; `apply` only reports what the agent does.
 */
export function createProcessTarget(deps: ProcessTargetDeps): Target<DesiredState> {
  const { agent, app } = deps;
  const pollMs = deps.pollMs ?? 250;

  /** Follows the agent until `release` is promoted, rolled back or failed. */
  async function follow(
    release: string,
    withCanary: boolean,
    context: ApplyContext,
    first: AppStatus,
  ): Promise<ApplyResult> {
    const steps = new Set<string>();
    const seen = new Set<string>();
    const step = async (name: "canary" | "baking"): Promise<void> => {
      if (steps.has(name)) return;
      steps.add(name);
      await context.step(name);
    };
    for (let status = first; ; status = await agent.getApp(app, context.signal)) {
      for (const e of status.events) {
        const key = `${e.at}|${e.kind}|${e.release}|${e.message}`;
        if (!seen.has(key) && (e.release === release || e.release === null)) {
          context.log(`agent: ${e.message}`);
        }
        seen.add(key);
      }
      if (status.phaseRelease === release) {
        switch (status.phase) {
          case "failed":
            return { status: "failed", reason: status.reason ?? `release ${release} failed` };
          case "rolled-back":
            if (withCanary) await step("canary");
            return { status: "rolled-back", reason: status.reason ?? "rolled back by the agent" };
          case "canary":
            await step("canary");
            break;
          case "baking":
            await step("canary");
            await step("baking");
            break;
          case "promoted":
            if (withCanary) {
              await step("canary");
              await step("baking");
            }
            return { status: "succeeded" };
        }
      } else if (status.routing.active === release && status.routing.canary === null) {
        return { status: "succeeded" }; // already serving: nothing was left to do
      } else if (status.phase !== "idle") {
        return { status: "failed", reason: `superseded on the agent by ${status.phaseRelease}` };
      }
      await sleep(pollMs, context.signal);
    }
  }

  const upload = deps.uploadArtifacts ?? deps.config.agent !== undefined;

  async function put(plan: DesiredState, context: ApplyContext): Promise<AppStatus | ApplyResult> {
    try {
      for (const run of upload && agent.ensureArtifact ? plan.releases : []) {
        const done = await agent.ensureArtifact?.(run.sha256, run.artifactPath, context.signal);
        if (done === "uploaded") context.log(`uploaded the artifact of ${run.id} to the agent`);
      }
      return await agent.putApp(plan, context.signal);
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (error instanceof DomainError || error instanceof AgentUnreachableError) {
        return { status: "failed", reason: error.message };
      }
      throw error;
    }
  }

  return {
    // The agent holds the deployment; re-sending the plan only follows it to its verdict.
    resumable: true,
    validate() {
      const problems: string[] = [];
      const { port, start } = deps.config;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        problems.push(`target.port must be a whole number from 1 to 65535, got ${port}`);
      }
      if (typeof start !== "string" || start.trim() === "") {
        problems.push(
          'target.start is required: the command that starts a release and listens on $PORT, e.g. "node server.js"',
        );
      }
      return problems;
    },
    plan(release, previous) {
      return planProcessRelease({ config: deps.config, release, previous, options: deps.plan });
    },
    async apply(plan, context) {
      const release = plan.canary?.release ?? plan.active;
      await context.step("starting");
      const first = await put(plan, context);
      if ("status" in first) return first;
      await context.step("health-check");
      const withCanary = plan.canary !== undefined && plan.canary.percent > 0;
      return follow(release, withCanary, context, first);
    },
    async rollback(to, context) {
      try {
        const status = await agent.rollback(app, to.id, context.signal);
        context.log(`agent: traffic is back on ${status.routing.active}`);
        return { status: "succeeded" };
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
        context.log(`${to.id} is not warm on the agent: starting it again from its artifact`);
      }
      const plan = planProcessRelease({
        config: deps.config,
        release: to,
        previous: null,
        options: deps.plan,
      });
      const first = await put(plan, context);
      if ("status" in first) return first;
      return follow(to.id, false, context, first);
    },
    async status(): Promise<TargetStatus> {
      let status: AppStatus;
      try {
        status = await agent.getApp(app);
      } catch (error) {
        const detail =
          error instanceof NotFoundError
            ? "nothing deployed on the agent yet"
            : String((error as Error).message);
        return { live: null, warm: null, healthy: false, detail };
      }
      return describeStatus(status);
    },
  };
}

export function describeStatus(status: AppStatus): TargetStatus {
  const live = status.routing.active;
  const liveRelease = status.releases.find((r) => r.id === live);
  const warm = status.releases.find((r) => r.role === "warm")?.id ?? null;
  const canary = status.routing.canary
    ? `; canary ${status.routing.canary} at ${status.routing.percent} %`
    : "";
  return {
    live,
    warm,
    healthy: liveRelease?.state === "healthy",
    detail: `${status.phase}${status.reason ? `: ${status.reason}` : ""}${canary}`,
    events: status.events,
    routing: status.routing,
    traffic: status.releases.map((r) => ({
      id: r.id,
      role: r.role,
      state: r.state,
      requests: r.requests,
      errors5xx: r.errors5xx,
      p50Ms: r.p50Ms,
      p95Ms: r.p95Ms,
    })),
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
