import { z } from "zod";
import { blockSchema } from "../blocks/block-routes.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { DeployCalendar } from "./deploy-calendar.js";
import type { DeployControl } from "./deploy-control.js";

export const controlSchema = z
  .object({
    risk: z
      .object({
        level: z.string(),
        levels: z.array(z.string()).describe("every level, lowest first"),
        reasons: z.array(
          z.object({ level: z.string(), text: z.string(), rule: z.number().nullable() }),
        ),
      })
      .nullable()
      .describe("the risk of the change waiting to go out; null when nothing waits"),
    approvals: z.object({
      required: z.number(),
      given: z.array(z.object({ by: z.string(), at: z.number() })),
    }),
    blocks: z.array(blockSchema).describe("blocks in force that stop the next deploy"),
    holds: z.array(z.string()).describe("every reason a deploy would wait now; empty: it may go"),
    nextTryAt: z.number().nullable(),
    timezone: z.string(),
  })
  .describe("risk-based process for the next deploy");

export const approvalSchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string(),
  buildId: z.number(),
  approvedBy: z.string(),
  comment: z.string().nullable(),
  createdAt: z.number(),
});

export const calendarSchema = z.object({
  from: z.number(),
  to: z.number(),
  environments: z.array(
    z.object({
      project: z.string(),
      environment: z.string(),
      timezone: z.string(),
      deploy: z.string().describe("on-green, manual, or the schedule"),
      windows: z.array(z.string()).nullable(),
      freezes: z.array(z.object({ name: z.string(), from: z.number(), to: z.number() })),
      runs: z.array(
        z.object({
          at: z.number(),
          status: z.enum(["deploy", "frozen", "outside-window", "blocked"]),
          reason: z.string().nullable(),
        }),
      ),
    }),
  ),
});

/** Approvals and the calendar of upcoming deploys. */
export function controlRoutes(deps: {
  control: DeployControl;
  calendar: DeployCalendar;
}): RoutesPlugin {
  return (app) => {
    app.post(
      "/projects/:name/environments/:env/approve",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Approve the candidate (or a given build) for an environment",
          description:
            "Counts towards the approvals its risk level's policy requires. Authors cannot approve their own change; approvals lapse when the candidate changes.",
          tags: ["control"],
          params: z.object({ name: z.string(), env: z.string() }),
          body: z
            .object({
              build: z.number().int().positive().optional(),
              comment: z.string().max(500).optional(),
            })
            .nullish(),
          response: { 201: approvalSchema },
        },
      },
      async (request, reply) => {
        const approval = await deps.control.approve({
          project: request.params.name,
          environment: request.params.env,
          buildId: request.body?.build,
          comment: request.body?.comment,
          by: principalOfRequest(request).username,
        });
        return reply.status(201).send(approval);
      },
    );
    app.get(
      "/calendar",
      {
        schema: {
          summary: "Upcoming scheduled deploys with windows, freezes and blocks",
          tags: ["control"],
          querystring: z.object({
            days: z.coerce.number().int().min(1).max(90).default(14),
            project: z.string().optional(),
          }),
          response: { 200: calendarSchema },
        },
      },
      async (request) => deps.calendar.upcoming(request.query),
    );
  };
}
