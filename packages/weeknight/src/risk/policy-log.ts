import { createHash } from "node:crypto";
import type { AuditLog } from "../audit/audit-log.js";
import type { Build } from "../builds/build-store.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { Project } from "../projects/project-store.js";

/**
 * Policy lives in weeknight.yml, so it changes with a commit: each time the newest passed
 * build's risk rules or an environment's process differ from the last seen, the audit log says so.
 */
export function createPolicyLog(deps: {
  audit: AuditLog;
  commitAuthor: (project: Project, build: Build) => Promise<string>;
}) {
  const known = new Map<number, string>();
  return {
    async note(project: Project, config: WeeknightConfig, build: Build): Promise<boolean> {
      const policy = policyOf(config);
      const hash = createHash("sha256").update(JSON.stringify(policy)).digest("hex").slice(0, 16);
      if (known.get(project.id) === hash) return false;
      const [last] = await deps.audit.list({
        project: project.name,
        action: "policy.changed",
        limit: 1,
      });
      known.set(project.id, hash);
      if (last?.details.hash === hash) return false;
      await deps.audit.record({
        actor: await deps.commitAuthor(project, build),
        action: "policy.changed",
        target: `build:${build.id}`,
        project: project.name,
        details: { hash, buildId: build.id, sha: build.sha, policy },
      });
      return true;
    },
  };
}

export type PolicyLog = ReturnType<typeof createPolicyLog>;

/** The parts of weeknight.yml that decide how a deploy goes. */
function policyOf(config: WeeknightConfig) {
  return {
    risk: config.risk,
    environments: Object.fromEntries(
      Object.entries(config.environments).map(([name, env]) => [
        name,
        {
          deploy: env.deploy,
          timezone: env.timezone ?? null,
          windows: env.windows ?? null,
          freezes: env.freezes,
          policy: env.policy,
          notice: env.notice ?? null,
          defects_first: env.defects_first ?? null,
        },
      ]),
    ),
  };
}
