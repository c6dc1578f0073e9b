import { z } from "zod";
import { type RoutesPlugin, rawBodyRoutes } from "../http/http-app.js";
import type { ProjectService } from "../projects/project-service.js";
import { verifyAndParseWebhook, WEBHOOK_PROVIDERS } from "../sources/webhook-verify.js";
import type { BuildService } from "./build-service.js";

/** Inbound push webhooks: verified with the project's secret before anything is recorded. */
export function webhookRoutes(deps: {
  projects: ProjectService;
  builds: BuildService;
}): RoutesPlugin {
  return (app) => {
    rawBodyRoutes(app, (scoped) => {
      scoped.post(
        "/webhooks/:project/:provider",
        {
          config: { role: "public" },
          schema: {
            summary: "Push webhook from GitHub, GitLab, Gitea or a generic HMAC-signed sender",
            tags: ["webhooks"],
            security: [],
            params: z.object({
              project: z.string(),
              provider: z.enum(WEBHOOK_PROVIDERS as [string, ...string[]]),
            }),
            response: {
              200: z.object({
                ping: z.boolean(),
                ignored: z.string().nullable(),
                build: z.number().nullable(),
              }),
            },
          },
        },
        async (request) => {
          const { project: name, provider } = request.params as {
            project: string;
            provider: (typeof WEBHOOK_PROVIDERS)[number];
          };
          const project = await deps.projects.get(name);
          const secret = await deps.projects.webhookSecret(project);
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const push = verifyAndParseWebhook(provider, request.headers, body, secret);
          if (push.ping) return { ping: true, ignored: null, build: null };
          if (push.ref && push.branch !== project.branch) {
            return {
              ping: false,
              ignored: `${push.ref} is not the tracked branch ${project.branch}`,
              build: null,
            };
          }
          const build = await deps.builds.detectChanges(project, `webhook:${provider}`);
          return {
            ping: false,
            ignored: build ? null : "no new commits",
            build: build?.id ?? null,
          };
        },
      );
    });
  };
}
