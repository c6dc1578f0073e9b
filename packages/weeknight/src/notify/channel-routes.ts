import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import { ConflictError, NotFoundError } from "../errors/domain-errors.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { describeChannels } from "./channel-list.js";
import { deliverySchema } from "./delivery-routes.js";
import type { NotifyService } from "./notify-service.js";
import type { NotifyChannelConfig } from "./notify-types.js";
import { TEST_EVENT } from "./notify-types.js";

const channelSchema = z.object({
  index: z.number().describe("position in weeknight.yml's `notify:` list"),
  type: z.enum(["slack", "webhook", "email"]),
  target: z.string().describe("where it goes, redacted: never a credential"),
  events: z.array(z.string()),
});

/** The newest passed build and the channels its weeknight.yml lists (environments' currentConfig). */
export type ChannelConfigSource = (project: Project) => Promise<{
  config: { notify: NotifyChannelConfig[] };
  build: { id: number; sha: string; branch: string };
} | null>;

export function channelRoutes(deps: {
  projects: ProjectService;
  currentConfig: ChannelConfigSource;
  notify: NotifyService;
  audit: AuditLog;
  buildUrl: (id: number) => string;
}): RoutesPlugin {
  async function configured(projectName: string) {
    const project = await deps.projects.get(projectName);
    const current = await deps.currentConfig(project);
    if (!current) {
      throw new ConflictError(
        `${project.name} has no passed build with a valid weeknight.yml yet, so its notify: channels are not known: push a commit that builds green`,
      );
    }
    return { project, ...current };
  }

  return (app) => {
    app.get(
      "/projects/:name/notify/channels",
      {
        config: { role: "admin" },
        schema: {
          summary: "The notify: channels of the newest passed build's weeknight.yml, redacted",
          tags: ["notifications"],
          params: z.object({ name: z.string() }),
          response: { 200: z.array(channelSchema) },
        },
      },
      async (request) => describeChannels((await configured(request.params.name)).config.notify),
    );
    app.post(
      "/projects/:name/notify/channels/:index/test",
      {
        config: { role: "admin" },
        schema: {
          summary:
            "Send a test notification through one channel now; answers with the delivery after its one attempt",
          tags: ["notifications"],
          params: z.object({ name: z.string(), index: z.coerce.number().int().min(0) }),
          response: { 200: deliverySchema },
        },
      },
      async (request) => {
        const { name, index } = request.params;
        const { project, config, build } = await configured(name);
        const channel = config.notify[index];
        if (!channel) {
          throw new NotFoundError(
            `${project.name} has no notify channel ${index}: its weeknight.yml lists ${config.notify.length} (numbered from 0)`,
          );
        }
        const sentBy = principalOfRequest(request).username;
        const delivery = await deps.notify.sendNow({
          projectId: project.id,
          buildId: null,
          channel,
          notification: {
            event: TEST_EVENT,
            project: project.name,
            build: {
              id: build.id,
              sha: build.sha,
              branch: build.branch,
              url: deps.buildUrl(build.id),
            },
            authors: [],
            commits: [],
            sentBy,
          },
        });
        await deps.audit.record({
          actor: sentBy,
          action: "notify.test",
          target: `project:${project.name}/notify:${index}`,
          details: { channel: channel.type, target: delivery.target, status: delivery.status },
        });
        return delivery;
      },
    );
  };
}
