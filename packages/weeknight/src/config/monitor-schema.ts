import { Cron } from "croner";
import { z } from "zod";
import { compileSafePattern } from "../monitors/logs/safe-pattern.js";
import { parseSeriesSelector } from "../monitors/metrics/series-selector.js";
import { parseCondition } from "../monitors/web/conditions.js";
import { timeoutSchema } from "./config-primitives.js";

/** A check made at load time, so `weeknight validate` shows the mistake with its position. */
function checked(parse: (text: string) => unknown) {
  return (text: string, ctx: z.core.$RefinementCtx<string>) => {
    try {
      parse(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  };
}

/**
 * Monitors in weeknight.yml, per environment: web-site checks (http, journey, browser),
 * application metrics (Prometheus text) and logs. The engines that run them are in monitors/.
 */

const MONITOR_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,62}$/;

const conditionsSchema = z
  .array(z.string().min(1).superRefine(checked(parseCondition)))
  .default([])
  .describe(
    'Conditions that must all hold, e.g. `"[STATUS] == 200"`, `"[RESPONSE_TIME] < 300"`, `"[BODY].status == ok"`, `"len([BODY].items) > 0"`, `"[CERTIFICATE_EXPIRATION] > 72h"` (see docs/monitoring.md).',
  );

const headersSchema = z
  .record(z.string().min(1), z.string())
  .default({})
  .describe("Request headers (`${SECRET}` references allowed).");

const requestFields = {
  url: z
    .string()
    .min(1)
    .describe(
      "Absolute URL, or a path such as `/health` resolved against the environment's `url` (for a process target: `http://127.0.0.1:<port>`).",
    ),
  method: z
    .enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    .default("GET")
    .describe("HTTP method."),
  headers: headersSchema,
  body: z.string().optional().describe("Request body, sent as is."),
  timeout: timeoutSchema.prefault("10s").describe("How long a request may take."),
  conditions: conditionsSchema,
};

const commonFields = {
  name: z
    .string()
    .regex(MONITOR_NAME, {
      error: (iss) =>
        `invalid monitor name ${JSON.stringify(iss.input)} — letters, digits, spaces and . _ / - (at most 63)`,
    })
    .describe("Shown in the dashboard and in alerts, e.g. `home page`; unique per environment."),
  interval: timeoutSchema.prefault("1m").describe("How often the monitor runs."),
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe("Failures in a row that are retried at once before a result counts as failed."),
  gate: z
    .boolean()
    .default(false)
    .describe(
      "Also evaluated during a deployment's health check, canary and bake: a failure rolls the deployment back.",
    ),
  for: timeoutSchema
    .optional()
    .describe("How long it must keep failing before its alert fires (default: at once)."),
};

const httpMonitorSchema = z
  .strictObject({
    ...commonFields,
    type: z.literal("http").describe("One HTTP request, checked by its conditions."),
    ...requestFields,
    max_redirects: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(5)
      .describe("Redirects followed before the check fails (0 = none)."),
  })
  .describe("Web-site check: one request (also a JSON health endpoint: `[BODY].status == ok`).");

const journeyStepSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe("Shown when this step fails."),
    ...requestFields,
    capture: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1))
      .default({})
      .describe(
        'Values later steps use as `{{name}}`, e.g. `token: "[BODY].token"` or `csrf: "[HEADER].x-csrf-token"`.',
      ),
  })
  .describe("One request of a journey.");

const journeyMonitorSchema = z
  .strictObject({
    ...commonFields,
    type: z
      .literal("journey")
      .describe("Requests in sequence, sharing cookies and captured values."),
    steps: z.array(journeyStepSchema).min(1).describe("The requests, in order."),
  })
  .describe("A user journey, e.g. sign in → add to cart → check out.");

const browserMonitorSchema = z
  .strictObject({
    ...commonFields,
    type: z
      .literal("browser")
      .describe("Opens the page in a real Chromium (when one is installed) and waits."),
    url: requestFields.url,
    wait_for: z
      .string()
      .min(1)
      .optional()
      .describe("A CSS selector, or `text=…`, that must appear."),
    timeout: timeoutSchema.prefault("30s").describe("How long the page may take."),
    conditions: conditionsSchema.describe(
      'Conditions on the page load, e.g. `"[LOAD_TIME] < 2000"`.',
    ),
  })
  .describe("A real-browser check: page load time and a selector or text.");

const metricRuleSchema = z
  .strictObject({
    name: z.string().min(1).describe("Shown in results and alerts."),
    gauge: z
      .string()
      .min(1)
      .superRefine(checked(parseSeriesSelector))
      .optional()
      .describe('A series selector whose value is compared, e.g. `queue_depth{queue="emails"}`.'),
    rate: z
      .string()
      .min(1)
      .superRefine(checked(parseSeriesSelector))
      .optional()
      .describe("A counter whose per-second rate over `window` is compared."),
    ratio: z
      .strictObject({
        numerator: z
          .string()
          .min(1)
          .superRefine(checked(parseSeriesSelector))
          .describe('Counter selector, e.g. `http_requests_total{code=~"5.."}`.'),
        denominator: z
          .string()
          .min(1)
          .superRefine(checked(parseSeriesSelector))
          .describe("Counter selector, e.g. `http_requests_total`."),
      })
      .optional()
      .describe("The ratio of two counters' rates over `window`, e.g. the error ratio."),
    window: timeoutSchema.prefault("5m").describe("Window of `rate` and `ratio`."),
    below: z.number().optional().describe("Passes while the value is below this."),
    above: z.number().optional().describe("Passes while the value is above this."),
    min_rate: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "For `ratio`: below this many events per second in the denominator, the result is inconclusive (too little traffic).",
      ),
  })
  .superRefine((rule, ctx) => {
    const kinds = [rule.gauge, rule.rate, rule.ratio].filter((k) => k !== undefined).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: "custom", message: "give exactly one of gauge, rate or ratio" });
    }
    if (rule.below === undefined && rule.above === undefined) {
      ctx.addIssue({ code: "custom", message: "give a threshold: below, above or both" });
    }
  })
  .describe("A rule on scraped metrics: pass, fail or inconclusive (no data, NaN, no traffic).");

const metricsMonitorSchema = z
  .strictObject({
    ...commonFields,
    type: z.literal("metrics").describe("Scrapes a Prometheus text endpoint."),
    url: requestFields.url,
    headers: headersSchema,
    timeout: timeoutSchema.prefault("10s").describe("How long a scrape may take."),
    rules: z.array(metricRuleSchema).min(1).describe("Rules on the scraped series."),
  })
  .describe('Application ("guts") monitoring from the app\'s own metrics.');

const logRuleSchema = z
  .strictObject({
    name: z.string().min(1).describe("Shown in results and alerts."),
    pattern: z
      .string()
      .min(1)
      .superRefine(checked(compileSafePattern))
      .optional()
      .describe("Regular expression: at most `max` matching lines per `window`."),
    error_rate: z
      .boolean()
      .optional()
      .describe("Error lines (see the monitor's `errors`) as a share of all lines, at most `max`."),
    new_patterns: z
      .boolean()
      .optional()
      .describe(
        "Error lines whose shape (numbers, ids and quoted values masked) was never seen before the current release: at most `max`.",
      ),
    window: timeoutSchema.prefault("5m").describe("Window the count is taken over."),
    max: z
      .number()
      .min(0)
      .default(0)
      .describe("Highest count (or share, for error_rate) that passes."),
  })
  .superRefine((rule, ctx) => {
    const kinds = [rule.pattern, rule.error_rate, rule.new_patterns].filter(
      (k) => k !== undefined && k !== false,
    ).length;
    if (kinds !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "give exactly one of pattern, error_rate: true or new_patterns: true",
      });
    }
  })
  .describe("A rule on log lines.");

const logsMonitorSchema = z
  .strictObject({
    ...commonFields,
    type: z.literal("logs").describe("Watches log lines."),
    interval: timeoutSchema.prefault("30s").describe("How often the rules are evaluated."),
    source: z
      .union([
        z.literal("release").describe("The agent's stdout and stderr of the serving release."),
        z.strictObject({ file: z.string().min(1).describe("A log file to tail.") }),
        z.strictObject({
          push: z
            .record(z.string(), z.string())
            .describe(
              "Lines pushed to `POST /loki/api/v1/push` whose stream labels include these, e.g. `{app: checkout}`.",
            ),
        }),
      ])
      .default("release")
      .describe("`release`, `{file: path}` or `{push: {label: value}}`."),
    errors: z
      .string()
      .min(1)
      .superRefine(checked(compileSafePattern))
      .default("(?i)\\b(error|exception|fatal|panic)\\b")
      .describe("Regular expression for error lines (`(?i)` at the start ignores case)."),
    rules: z.array(logRuleSchema).min(1).describe("Rules on the lines."),
  })
  .describe("Log monitoring: pattern counts, error rate, new error patterns per release.");

export const monitorSchema = z.discriminatedUnion("type", [
  httpMonitorSchema,
  journeyMonitorSchema,
  browserMonitorSchema,
  metricsMonitorSchema,
  logsMonitorSchema,
]);

export const monitorsSchema = z
  .array(monitorSchema)
  .default([])
  .superRefine((monitors, ctx) => {
    const seen = new Set<string>();
    for (const [i, monitor] of monitors.entries()) {
      if (seen.has(monitor.name)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `two monitors are named "${monitor.name}"`,
        });
      }
      seen.add(monitor.name);
    }
  })
  .describe("Monitors that watch this environment all the time, and harder after a deploy.");

export const maintenanceSchema = z
  .array(
    z.strictObject({
      schedule: z
        .string()
        .min(1)
        .superRefine(checked((cron) => new Cron(cron, { paused: true })))
        .describe(
          'When a window starts, as a cron expression, e.g. `"0 2 * * 0"` (Sundays 02:00).',
        ),
      timezone: z.string().default("UTC").describe("IANA time zone of the schedule."),
      duration: timeoutSchema.describe("How long each window lasts, e.g. `2h`."),
      reason: z.string().min(1).default("maintenance").describe("Shown with silenced alerts."),
    }),
  )
  .default([])
  .describe(
    "Maintenance windows: monitors keep running and alerts are kept, but no alert notifications go out.",
  );

export const alertSettingsSchema = z
  .strictObject({
    remind: timeoutSchema
      .prefault("4h")
      .describe("A firing alert is sent again this often while it lasts."),
  })
  .prefault({})
  .describe("How this environment's alerts are sent.");

export type MaintenanceWindow = z.output<typeof maintenanceSchema>[number];

export type MonitorConfig = z.output<typeof monitorSchema>;
export type HttpMonitorConfig = z.output<typeof httpMonitorSchema>;
export type JourneyMonitorConfig = z.output<typeof journeyMonitorSchema>;
export type JourneyStepConfig = z.output<typeof journeyStepSchema>;
export type BrowserMonitorConfig = z.output<typeof browserMonitorSchema>;
export type MetricsMonitorConfig = z.output<typeof metricsMonitorSchema>;
export type MetricRuleConfig = z.output<typeof metricRuleSchema>;
export type LogsMonitorConfig = z.output<typeof logsMonitorSchema>;
export type LogRuleConfig = z.output<typeof logRuleSchema>;
