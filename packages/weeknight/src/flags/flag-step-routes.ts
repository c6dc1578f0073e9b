import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { FlagRamps } from "./flag-ramps.js";
import { envParams } from "./flag-routes.js";
import { flagSchema } from "./flag-schema.js";
import type { FlagChange, FlagService } from "./flag-service.js";

const tags = ["flags"];
const deployer = { role: "deployer" as const };

/** The lifecycle steps of a flag in one environment, and its scheduled ramp. */
export function flagStepRoutes(deps: { flags: FlagService; ramps: FlagRamps }): RoutesPlugin {
  const { flags, ramps } = deps;
  return (app) => {
    const change = (
      path: string,
      summary: string,
      body: z.ZodType,
      toChange: (b: never) => FlagChange,
    ) =>
      app.post(
        `/projects/:name/flags/:key/environments/:environment/${path}`,
        {
          config: deployer,
          schema: { summary, tags, params: envParams, body, response: { 200: flagSchema } },
        },
        async (request) => {
          const { name, key, environment } = request.params;
          const by = principalOfRequest(request).username;
          return flags.change(name, key, environment, toChange(request.body as never), by);
        },
      );
    change(
      "admins",
      "Turn it on for admins (the `admins` segment)",
      z.object({}).nullish(),
      () => ({
        action: "admins",
      }),
    );
    change(
      "customers",
      "Turn it on for named customers (customerId IN …)",
      z.object({
        customers: z.array(z.string().max(200)).max(10_000),
        mode: z.enum(["set", "add", "remove"]).default("set"),
      }),
      (b: { customers: string[]; mode: "set" | "add" | "remove" }) => ({
        action: "customers",
        ...b,
      }),
    );
    change(
      "rollout",
      "Roll it out to a percentage, sticky by a context field",
      z.object({
        percent: z.number().int().min(0).max(100),
        stickiness: z
          .string()
          .min(1)
          .max(64)
          .default("default")
          .describe('"default" is userId, then sessionId'),
      }),
      (b: { percent: number; stickiness: string }) => ({ action: "rollout", ...b }),
    );
    change("release", "Release it: on for everyone", z.object({}).nullish(), () => ({
      action: "release",
    }));
    change(
      "kill",
      "Kill it: off for everyone at once, whatever the rules say",
      z.object({ reason: z.string().max(500).optional() }).nullish(),
      (b: { reason?: string } | null) => ({ action: "kill", reason: b?.reason }),
    );
    change("enable", "Undo a kill: the rules decide again", z.object({}).nullish(), () => ({
      action: "enable",
    }));
    app.put(
      "/projects/:name/flags/:key/environments/:environment/ramp",
      {
        config: deployer,
        schema: {
          summary: "Schedule a ramp: rollout steps at given times, paused by firing alerts",
          tags,
          params: envParams,
          body: z.object({
            steps: z.array(z.object({ at: z.number().int(), percent: z.number().int() })).max(20),
            stickiness: z.string().min(1).max(64).default("default"),
          }),
          response: { 200: flagSchema },
        },
      },
      async (request) =>
        ramps.schedule({
          ...request.params,
          project: request.params.name,
          ...request.body,
          by: principalOfRequest(request).username,
        }),
    );
    app.delete(
      "/projects/:name/flags/:key/environments/:environment/ramp",
      {
        config: deployer,
        schema: {
          summary: "Cancel a ramp",
          tags,
          params: envParams,
          response: { 200: flagSchema },
        },
      },
      async (request) => {
        const { name, key, environment } = request.params;
        return ramps.cancel(name, key, environment, principalOfRequest(request).username);
      },
    );
    app.post(
      "/projects/:name/flags/:key/environments/:environment/ramp/resume",
      {
        config: deployer,
        schema: {
          summary: "Resume a paused ramp",
          tags,
          params: envParams,
          response: { 200: flagSchema },
        },
      },
      async (request) => {
        const { name, key, environment } = request.params;
        return ramps.resume(name, key, environment, principalOfRequest(request).username);
      },
    );
  };
}
