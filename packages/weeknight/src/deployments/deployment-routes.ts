import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import { ConflictError } from "../errors/domain-errors.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { hasRole, principalOfRequest } from "../http/http-auth.js";
import type { DeployControl } from "../risk/deploy-control.js";
import { deploymentSteps } from "../targets/target.js";
import type { DeploymentService } from "./deployment-service.js";

export const deploymentSchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string(),
  buildId: z.number(),
  releaseId: z.string(),
  previousDeploymentId: z.number().nullable(),
  step: z.enum(deploymentSteps),
  trigger: z.string(),
  reason: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  build: z.object({ id: z.number(), sha: z.string(), message: z.string(), author: z.string() }),
  steps: z.array(
    z.object({ step: z.enum(deploymentSteps), detail: z.string().nullable(), at: z.number() }),
  ),
});

const envParams = z.object({ name: z.string(), env: z.string() });

const forceSchema = z
  .object({ reason: z.string().min(1) })
  .optional()
  .describe(
    "admin only: deploy although a block, approval, window, freeze or incident holds it (audited)",
  );

export function deploymentRoutes(deps: {
  deployments: DeploymentService;
  environments: EnvironmentService;
  control: DeployControl;
  audit: AuditLog;
}): RoutesPlugin {
  const { deployments, environments, control, audit } = deps;
  const record = (
    actor: string,
    action: string,
    where: { project: string; environment: string },
    details: Record<string, unknown>,
  ) =>
    audit.record({
      actor,
      action,
      target: `project:${where.project}/env:${where.environment}`,
      ...where,
      details,
    });

  /** A person's deploy, once the risk policy (or an admin's force) lets it go. */
  async function deployChecked(
    request: FastifyRequest,
    input: {
      project: string;
      environment: string;
      buildId: number;
      trigger: string;
      force?: string;
    },
  ) {
    const principal = principalOfRequest(request);
    const allowed = await control.authorize({
      ...input,
      actor: principal.username,
      mayForce: hasRole(principal, "admin"),
    });
    const deployment = await deployments.deploy({ ...input, canary: allowed.canary });
    await record(principal.username, "deploy", input, {
      deploymentId: deployment.id,
      buildId: input.buildId,
      risk: allowed.risk.level,
      trigger: input.trigger,
    });
    return deployment;
  }

  return (app) => {
    app.post(
      "/projects/:name/environments/:env/deploy",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Deploy a build (default: the environment's candidate) to an environment",
          tags: ["deployments"],
          params: envParams,
          body: z
            .object({
              build: z.number().int().positive().optional(),
              force: z
                .object({ reason: z.string().min(1) })
                .optional()
                .describe(
                  "admin only: deploy although a block, approval, window or freeze holds it",
                ),
            })
            .nullish(),
          response: { 202: deploymentSchema },
        },
      },
      async (request, reply) => {
        const { name, env } = request.params;
        const actor = principalOfRequest(request).username;
        let buildId = request.body?.build;
        if (buildId === undefined) {
          const candidate = await environments.candidateFor(name, env);
          if (!candidate.build)
            throw new ConflictError(
              `${env} has no candidate: no build has passed its requirements (${candidate.requires.join(", ") || "none"}) yet`,
            );
          buildId = candidate.build.id;
        }
        const deployment = await deployChecked(request, {
          project: name,
          environment: env,
          buildId,
          trigger: `manual:${actor}`,
          force: request.body?.force?.reason,
        });
        return reply.status(202).send(await deployments.get(deployment.id));
      },
    );
    app.post(
      "/projects/:name/environments/:env/rollback",
      {
        config: { role: "deployer" },
        schema: {
          summary:
            "Roll an environment back to the previous release (or a given earlier deployment's)",
          tags: ["deployments"],
          params: envParams,
          body: z
            .object({
              to: z.number().int().positive().optional().describe("deployment id to return to"),
            })
            .nullish(),
          response: { 202: deploymentSchema },
        },
      },
      async (request, reply) => {
        const { name, env } = request.params;
        const actor = principalOfRequest(request).username;
        const deployment = await deployments.rollback({
          project: name,
          environment: env,
          toDeploymentId: request.body?.to,
          trigger: `rollback:${actor}`,
        });
        await record(
          actor,
          "rollback",
          { project: name, environment: env },
          {
            deploymentId: deployment.id,
          },
        );
        return reply.status(202).send(await deployments.get(deployment.id));
      },
    );
    app.post(
      "/projects/:name/promote",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Deploy what is live on one environment to another",
          tags: ["deployments"],
          params: z.object({ name: z.string() }),
          body: z.object({
            from: z.string(),
            to: z.string(),
            force: forceSchema,
          }),
          response: { 202: deploymentSchema },
        },
      },
      async (request, reply) => {
        const { name } = request.params;
        const { from, to } = request.body;
        const actor = principalOfRequest(request).username;
        const live = await environments.liveOn(name, from);
        if (!live) throw new ConflictError(`nothing is live on ${from}: deploy there first`);
        const deployment = await deployChecked(request, {
          project: name,
          environment: to,
          buildId: live.buildId,
          trigger: `promote:${from}:${actor}`,
          force: request.body.force?.reason,
        });
        return reply.status(202).send(await deployments.get(deployment.id));
      },
    );
    app.get(
      "/deployments",
      {
        schema: {
          summary: "Deployments, newest first (page with `before`)",
          tags: ["deployments"],
          querystring: z.object({
            project: z.string().optional(),
            environment: z.string().optional(),
            before: z.coerce.number().int().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.array(deploymentSchema) },
        },
      },
      async (request) => {
        const { project, environment, before, limit } = request.query;
        return deployments.list({ project, environment, beforeId: before, limit });
      },
    );
    app.get(
      "/deployments/:id",
      {
        schema: {
          summary: "One deployment with its step timeline",
          tags: ["deployments"],
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: deploymentSchema },
        },
      },
      async (request) => deployments.get(request.params.id),
    );
  };
}
