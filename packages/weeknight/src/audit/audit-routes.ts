import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import type { AuditLog } from "./audit-log.js";

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.number(),
  actor: z.string().describe("a username, `slack:<name>`, or `weeknight` for what it did itself"),
  action: z.string().describe("e.g. deploy, deploy.forced, rollback, approve, block, unblock"),
  target: z.string().describe("what was acted on, e.g. `block:3`"),
  project: z.string().nullable(),
  environment: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** The audit log: who did what to which thing, newest first. */
export function auditRoutes(deps: { audit: AuditLog }): RoutesPlugin {
  return (app) => {
    app.get(
      "/audit",
      {
        schema: {
          summary: "The audit log, newest first",
          tags: ["audit"],
          querystring: z.object({
            project: z.string().optional(),
            environment: z.string().optional(),
            action: z
              .string()
              .optional()
              .describe(
                "an action; one ending in `.` (e.g. `deploy.`) matches every action under it",
              ),
            actor: z.string().optional(),
            before: z.coerce.number().int().optional().describe("only entries with a smaller id"),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.array(auditEntrySchema) },
        },
      },
      async (request) => {
        const { before, ...filter } = request.query;
        return deps.audit.list({ ...filter, beforeId: before });
      },
    );
  };
}
