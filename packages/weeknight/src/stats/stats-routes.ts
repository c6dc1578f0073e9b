import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { doraBands } from "./dora-metrics.js";
import type { StatsService } from "./stats-service.js";

const ms = (what: string) => z.number().nullable().describe(`${what}, in milliseconds`);

const figuresSchema = z.object({
  deployments: z
    .number()
    .describe("deployments that went live (succeeded, or rolled back automatically after)"),
  leadTimeMedianMs: ms("median commit → live time of the commits first live in the period"),
  leadTimeP90Ms: ms("90th percentile (nearest rank) of the same lead times"),
  failures: z
    .number()
    .describe("deployments rolled back (automatically or by a person) or blamed by an incident"),
  changeFailureRate: z.number().nullable().describe("failures / deployments, 0..1"),
  restores: z.number().describe("failures and unlinked incidents whose service came back"),
  timeToRestoreMedianMs: ms("median time from failure to restore"),
  commitsPerDeployMedian: z.number().nullable(),
  linesPerDeployMedian: z
    .number()
    .nullable()
    .describe("lines added + deleted against the release that was live before"),
});

const band = z.enum(doraBands);

export const statsSchema = z.object({
  project: z.string(),
  environment: z.string(),
  timezone: z.string().describe("weeks run from Monday 00:00 to Monday 00:00 in this time zone"),
  weeks: z.array(
    figuresSchema.extend({
      week: z.string().describe("ISO week, e.g. 2025-W10"),
      firstDay: z.string().describe("its Monday, e.g. 2025-03-03"),
      start: z.number(),
      end: z.number(),
    }),
  ),
  totals: figuresSchema.extend({
    from: z.number(),
    to: z.number(),
    deploysPerWeek: z.number().describe("deployments / weeks (the current week counts as one)"),
    bands: z
      .object({
        deploymentFrequency: band,
        leadTime: band.nullable(),
        changeFailureRate: band.nullable(),
        timeToRestore: band.nullable(),
      })
      .describe("DORA performance bands of the whole range (docs/stats.md); null without data"),
  }),
});

/** `GET /projects/{name}/stats`: the DORA metrics of one environment, week by week. */
export function statsRoutes(deps: { stats: StatsService }): RoutesPlugin {
  return (app) => {
    app.get(
      "/projects/:name/stats",
      {
        schema: {
          summary: "DORA metrics of an environment, week by week",
          description:
            "Deployment frequency, lead time for changes, change failure rate, time to restore and batch size per ISO week, with totals and DORA bands for the whole range. See docs/stats.md.",
          tags: ["stats"],
          params: z.object({ name: z.string() }),
          querystring: z.object({
            environment: z
              .string()
              .min(1)
              .optional()
              .describe("default: `production`, else the last environment in weeknight.yml"),
            weeks: z.coerce
              .number()
              .int()
              .min(1)
              .max(104)
              .default(12)
              .describe("how many weeks, the current one included (1-104)"),
          }),
          response: { 200: statsSchema },
        },
      },
      async (request) =>
        deps.stats.report({
          project: request.params.name,
          environment: request.query.environment,
          weeks: request.query.weeks,
        }),
    );
  };
}
