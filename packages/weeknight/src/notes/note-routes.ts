import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { NoteService } from "./note-service.js";

const tags = ["release notes"];

export const releaseNotesSchema = z.object({
  id: z.number(),
  environment: z.string(),
  buildId: z.number(),
  deploymentId: z.number().nullable(),
  fromSha: z
    .string()
    .nullable()
    .describe("the live release's commit when drafted; null: first deploy"),
  toSha: z.string(),
  entries: z.array(
    z.object({
      sha: z.string(),
      type: z.string().describe("Conventional Commits type, or `other`"),
      scope: z.string().nullable(),
      breaking: z.boolean(),
      subject: z.string(),
      customer: z.string().nullable().describe("what customers read; null: internal only"),
      author: z.string(),
      committedAt: z.number(),
    }),
  ),
  internal: z.string().describe("markdown for the team"),
  customer: z.string().describe("markdown for customers; empty: nothing for them"),
  editedBy: z.string().nullable(),
  editedAt: z.number().nullable(),
  deployedAt: z.number().nullable(),
  publishedAt: z.number().nullable().describe("when it went to the public changelog"),
  withdrawnAt: z.number().nullable().describe("when a rollback took it off again"),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const toView = <T extends { projectId: number }>({ projectId: _, ...rest }: T) => rest;

/** Release notes: per deployment, and what goes out next; editable markdown. */
export function noteRoutes(deps: { notes: NoteService }): RoutesPlugin {
  const { notes } = deps;
  return (app) => {
    app.get(
      "/projects/:name/notes",
      {
        schema: {
          summary: "A project's release notes, newest first",
          tags,
          params: z.object({ name: z.string() }),
          querystring: z.object({
            environment: z.string().optional(),
            before: z.coerce.number().int().optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.array(releaseNotesSchema) },
        },
      },
      async (request) => {
        const { environment, before, limit } = request.query;
        const list = await notes.list({
          project: request.params.name,
          environment,
          beforeId: before,
          limit,
        });
        return list.map(toView);
      },
    );
    app.get(
      "/projects/:name/environments/:environment/notes/next",
      {
        schema: {
          summary: "The notes of what goes out next (drafted now; edit them before the deploy)",
          tags,
          params: z.object({ name: z.string(), environment: z.string() }),
          response: { 200: releaseNotesSchema.nullable() },
        },
      },
      async (request) => {
        const next = await notes.next(request.params.name, request.params.environment);
        return next && toView(next);
      },
    );
    app.get(
      "/notes/:id",
      {
        schema: {
          summary: "One deploy's release notes",
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: releaseNotesSchema },
        },
      },
      async (request) => toView(await notes.get(request.params.id)),
    );
    app.get(
      "/deployments/:id/notes",
      {
        schema: {
          summary: "The release notes of a deployment",
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: releaseNotesSchema },
        },
      },
      async (request) => toView(await notes.forDeployment(request.params.id)),
    );
    app.put(
      "/notes/:id",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Edit the team's or the customers' notes (markdown), before or after the deploy",
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z
            .object({ internal: z.string().optional(), customer: z.string().optional() })
            .refine((b) => b.internal !== undefined || b.customer !== undefined, {
              message: "give `internal`, `customer` or both",
            }),
          response: { 200: releaseNotesSchema },
        },
      },
      async (request) =>
        toView(
          await notes.edit(request.params.id, request.body, principalOfRequest(request).username),
        ),
    );
  };
}
