import { z } from "zod";
import { InvalidInputError } from "../errors/domain-errors.js";
import type { RoutesPlugin } from "../http/http-app.js";
import type { MonitorService } from "./monitor-service.js";
import { type AlertState, alertStates } from "./monitor-store.js";

const checkStatus = z.enum(["pass", "fail", "inconclusive"]);
const envParams = z.object({ name: z.string(), env: z.string() });
const page = {
  before: z.coerce.number().int().optional().describe("only items with a smaller id"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

export const monitorSchema = z.object({
  name: z.string(),
  type: z.enum(["http", "journey", "browser", "metrics", "logs"]),
  gate: z.boolean().describe("also evaluated during deployments; a failure rolls back"),
  intervalMs: z.number(),
  status: z.enum(["pass", "fail", "inconclusive", "unknown"]),
  failures: z.number().describe("failed runs in a row"),
  failingSince: z.number().nullable(),
  lastAt: z.number().nullable(),
  message: z.string().nullable(),
  durationMs: z.number().nullable(),
  release: z.string().nullable().describe("the release serving at the last run"),
  alert: z
    .object({
      id: z.number(),
      state: z.enum(alertStates),
      startedAt: z.number(),
      firedAt: z.number().nullable(),
    })
    .nullable(),
});

export const resultSchema = z.object({
  id: z.number(),
  at: z.number(),
  status: checkStatus,
  durationMs: z.number(),
  message: z.string(),
  release: z.string().nullable(),
});

export const alertSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  project: z.string(),
  environment: z.string(),
  monitor: z.string(),
  state: z.enum(alertStates),
  message: z.string(),
  release: z.string().nullable(),
  deploymentId: z.number().nullable().describe("the suspect: the deploy serving when it started"),
  startedAt: z.number(),
  firedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
});

export function monitorRoutes(deps: { monitors: MonitorService }): RoutesPlugin {
  const { monitors } = deps;
  return (app) => {
    app.get(
      "/projects/:name/environments/:env/monitors",
      {
        schema: {
          summary: "An environment's monitors with their latest result and open alert",
          tags: ["monitors"],
          params: envParams,
          response: { 200: z.array(monitorSchema) },
        },
      },
      async (request) => monitors.list(request.params.name, request.params.env),
    );
    app.get(
      "/projects/:name/environments/:env/monitors/:monitor/results",
      {
        schema: {
          summary: "A monitor's results, newest first (page with `before`)",
          tags: ["monitors"],
          params: envParams.extend({ monitor: z.string() }),
          querystring: z.object(page),
          response: { 200: z.array(resultSchema) },
        },
      },
      async (request) => {
        const { name, env, monitor } = request.params;
        const { before, limit } = request.query;
        const results = await monitors.results(name, env, monitor, { beforeId: before, limit });
        return results.map(({ id, at, status, durationMs, message, release }) => ({
          id,
          at,
          status,
          durationMs,
          message,
          release,
        }));
      },
    );
    app.get(
      "/projects/:name/environments/:env/monitors/:monitor/history",
      {
        schema: {
          summary:
            "A monitor's older results rolled up per minute or per hour (raw results are kept for 2 days)",
          tags: ["monitors"],
          params: envParams.extend({ monitor: z.string() }),
          querystring: z.object({
            period: z.enum(["minute", "hour"]).default("hour"),
            from: z.coerce.number().int().min(0).describe("epoch ms, inclusive"),
            to: z.coerce.number().int().min(0).describe("epoch ms, exclusive"),
          }),
          response: {
            200: z.array(
              z.object({
                start: z.number(),
                runs: z.number(),
                passes: z.number(),
                failures: z.number(),
                inconclusive: z.number(),
                durationAvgMs: z.number(),
                durationMaxMs: z.number(),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { name, env, monitor } = request.params;
        return monitors.history(name, env, monitor, request.query);
      },
    );
    app.get(
      "/alerts",
      {
        schema: {
          summary: "Alerts, newest first (page with `before`)",
          tags: ["monitors"],
          querystring: z.object({
            project: z.string().optional(),
            environment: z.string().optional(),
            state: z
              .string()
              .optional()
              .describe("comma-separated states, e.g. `pending,firing` (the open ones)"),
            ...page,
          }),
          response: { 200: z.array(alertSchema) },
        },
      },
      async (request) => {
        const { project, environment, state, before, limit } = request.query;
        const states = state?.split(",").map((s) => s.trim());
        const unknown = states?.find((s) => !(alertStates as readonly string[]).includes(s));
        if (unknown !== undefined) {
          throw new InvalidInputError(
            `unknown alert state "${unknown}" — use ${alertStates.join(", ")}`,
          );
        }
        return monitors.alerts({
          project,
          environment,
          states: states as AlertState[] | undefined,
          beforeId: before,
          limit,
        });
      },
    );
  };
}
