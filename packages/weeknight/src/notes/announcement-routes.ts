import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { AnnouncementService } from "./announcement-service.js";

const tags = ["announcements"];
const params = z.object({ id: z.coerce.number().int().positive() });

export const announcementSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string().describe("markdown"),
  since: z.number().describe("it gathered what came after this time (the previous announcement)"),
  gathered: z.object({
    flags: z.array(
      z.object({
        key: z.string(),
        description: z.string(),
        environment: z.string(),
        releasedAt: z.number(),
      }),
    ),
    notes: z.array(z.number()).describe("ids of the release notes it gathered"),
  }),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedBy: z.string(),
  updatedAt: z.number(),
  publishedBy: z.string().nullable(),
  publishedAt: z.number().nullable().describe("null: a draft"),
});

const toView = <T extends { projectId: number }>({ projectId: _, ...rest }: T) => rest;
const deployer = { role: "deployer" as const };

/** Announcements: drafted from what flags released, edited, published when a person decides. */
export function announcementRoutes(deps: { announcements: AnnouncementService }): RoutesPlugin {
  const { announcements } = deps;
  const by = (request: Parameters<typeof principalOfRequest>[0]) =>
    principalOfRequest(request).username;
  return (app) => {
    app.get(
      "/projects/:name/announcements",
      {
        schema: {
          summary: "A project's announcements, drafts and published, newest first",
          tags,
          params: z.object({ name: z.string() }),
          response: { 200: z.array(announcementSchema) },
        },
      },
      async (request) => (await announcements.list(request.params.name)).map(toView),
    );
    app.post(
      "/projects/:name/announcements",
      {
        config: deployer,
        schema: {
          summary: "Draft an announcement of everything released since the last one",
          tags,
          params: z.object({ name: z.string() }),
          response: { 201: announcementSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toView(await announcements.draft(request.params.name, by(request)))),
    );
    app.get(
      "/announcements/:id",
      {
        schema: {
          summary: "One announcement",
          tags,
          params,
          response: { 200: announcementSchema },
        },
      },
      async (request) => toView(await announcements.get(request.params.id)),
    );
    app.put(
      "/announcements/:id",
      {
        config: deployer,
        schema: {
          summary: "Edit an announcement's title or text (markdown)",
          tags,
          params,
          body: z.object({ title: z.string().optional(), body: z.string().optional() }),
          response: { 200: announcementSchema },
        },
      },
      async (request) =>
        toView(await announcements.edit(request.params.id, request.body, by(request))),
    );
    app.post(
      "/announcements/:id/publish",
      {
        config: deployer,
        schema: {
          summary: "Publish: to the public changelog, its feeds and the notify channels",
          tags,
          params,
          response: { 200: announcementSchema },
        },
      },
      async (request) => toView(await announcements.publish(request.params.id, by(request))),
    );
    app.delete(
      "/announcements/:id",
      {
        config: deployer,
        schema: { summary: "Discard a draft", tags, params },
      },
      async (request, reply) => {
        await announcements.discard(request.params.id, by(request));
        return reply.status(204).send();
      },
    );
  };
}
