import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { SdkKeyService } from "./sdk-key-service.js";

const tags = ["flags"];
const sdkKeySchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string(),
  name: z.string(),
  prefix: z.string().describe("the key's first characters, to tell keys apart"),
  createdBy: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});

/** SDK keys: what an app's SDK (or OFREP/Unleash client) uses to read one environment's flags. */
export function sdkKeyRoutes(deps: { keys: SdkKeyService }): RoutesPlugin {
  const { keys } = deps;
  return (app) => {
    app.get(
      "/projects/:name/sdk-keys",
      {
        config: { role: "deployer" },
        schema: {
          summary: "A project's SDK keys (never the keys themselves)",
          tags,
          params: z.object({ name: z.string() }),
          response: { 200: z.array(sdkKeySchema) },
        },
      },
      async (request) => keys.list(request.params.name),
    );
    app.post(
      "/projects/:name/sdk-keys",
      {
        config: { role: "admin" },
        schema: {
          summary: "Create an SDK key for one environment; the key is shown only in this answer",
          tags,
          params: z.object({ name: z.string() }),
          body: z.object({ environment: z.string(), name: z.string().max(100).optional() }),
          response: { 201: z.object({ key: z.string(), sdkKey: sdkKeySchema }) },
        },
      },
      async (request, reply) => {
        const created = await keys.create({
          project: request.params.name,
          ...request.body,
          by: principalOfRequest(request).username,
        });
        return reply.status(201).send(created);
      },
    );
    app.delete(
      "/projects/:name/sdk-keys/:id",
      {
        config: { role: "admin" },
        schema: {
          summary: "Revoke an SDK key: its SDKs get 401 from then on",
          tags,
          params: z.object({ name: z.string(), id: z.coerce.number().int().positive() }),
          response: { 200: sdkKeySchema },
        },
      },
      async (request) =>
        keys.revoke(request.params.name, request.params.id, principalOfRequest(request).username),
    );
  };
}
