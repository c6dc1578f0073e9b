import { CookieJar } from "tough-cookie";
import type { JourneyMonitorConfig, JourneyStepConfig } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { Check, CheckContext, CheckOutcome } from "../monitor-types.js";
import { judge, withRetries } from "./check-outcome.js";
import { readSubjectValue } from "./condition-evaluate.js";
import { type Condition, parseSubject, type Subject } from "./conditions.js";
import { HTTP_PLACEHOLDERS, type HttpCheckOptions } from "./http-check.js";
import { type CookieHooks, type ExchangeRequest, exchange } from "./http-exchange.js";
import { type HttpTransport, transportFor } from "./http-transport.js";
import {
  checkPlaceholder,
  parseConditions,
  resolveHeaders,
  resolveUrl,
  rethrowIn,
} from "./web-config.js";

/** `{{name}}`: a value captured by an earlier step. */
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const MAX_REDIRECTS = 5;

interface Step {
  label: string;
  where: string;
  conditions: Condition[];
  captures: { name: string; subject: Subject }[];
  /** Secrets filled in; `{{name}}` still to fill at run time. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  request: Omit<ExchangeRequest, "url" | "headers" | "body">;
}

type Part = NonNullable<CheckOutcome["parts"]>[number];

/**
 * Requests in sequence sharing one cookie jar per run (RFC 6265 rules, by tough-cookie), with
 * values captured from one step's response used as `{{name}}` in later steps. The first failing
 * step fails the journey.
 */
export function createJourneyCheck(
  config: JourneyMonitorConfig,
  options: HttpCheckOptions = {},
): Check {
  const captured = new Set<string>();
  const steps = config.steps.map((step, index) =>
    prepareStep(config, step, index, options, captured),
  );
  const { transport, owned } = transportFor(options);
  return {
    run: (context) =>
      withRetries(config.retries, context, () =>
        runJourney(steps, transport, context, options.baseUrl),
      ),
    close: async () => {
      if (owned) await transport.close();
    },
  };
}

function prepareStep(
  config: JourneyMonitorConfig,
  step: JourneyStepConfig,
  index: number,
  options: HttpCheckOptions,
  captured: Set<string>,
): Step {
  const label = step.name ?? `${index + 1}`;
  const where = `monitor "${config.name}" step "${label}"`;
  const resolve = options.resolveSecrets ?? ((text: string) => text);
  const url = resolve(step.url);
  const headers = resolveHeaders(step.headers, resolve);
  const body = step.body === undefined ? undefined : resolve(step.body);
  for (const text of [url, body ?? "", ...Object.values(headers)]) {
    for (const match of text.matchAll(TEMPLATE)) {
      if (!captured.has(match[1] ?? "")) {
        throw new InvalidInputError(
          `${where}: {{${match[1]}}} is not captured by an earlier step — add \`capture: {${match[1]}: "[BODY].${match[1]}"}\` to a step before this one`,
        );
      }
    }
  }
  // Checked now with placeholders filled in, so a bad URL is a load-time error.
  resolveUrl(url.replace(TEMPLATE, "x"), options.baseUrl, where);
  const conditions = parseConditions(step.conditions, where, HTTP_PLACEHOLDERS);
  const captures = Object.entries(step.capture).map(([name, text]) => {
    const subject = rethrowIn(where, () => parseSubject(text, `capture ${name}`));
    checkPlaceholder(subject, `${where} capture ${name}`, HTTP_PLACEHOLDERS);
    return { name, subject };
  });
  for (const { name } of captures) captured.add(name);
  const keepBody = [...conditions.map((c) => c.subject), ...captures.map((c) => c.subject)].some(
    (subject) => subject.placeholder === "BODY",
  );
  return {
    label,
    where,
    conditions,
    captures,
    url,
    headers,
    body,
    request: {
      method: step.method,
      timeoutMs: step.timeout,
      maxRedirects: MAX_REDIRECTS,
      keepBody,
    },
  };
}

async function runJourney(
  steps: readonly Step[],
  transport: HttpTransport,
  context: CheckContext,
  baseUrl: string | undefined,
): Promise<CheckOutcome> {
  const jar = new CookieJar();
  const cookies: CookieHooks = {
    cookieFor: (url) => jar.getCookieStringSync(url.href),
    store: (url, setCookie) => {
      for (const cookie of setCookie) jar.setCookieSync(cookie, url.href, { ignoreError: true });
    },
  };
  const values = new Map<string, string>();
  const fill = (text: string) =>
    text.replace(TEMPLATE, (_, name: string) => values.get(name) ?? "");
  const parts: Part[] = [];
  let total = 0;
  for (const [index, step] of steps.entries()) {
    let outcome: CheckOutcome;
    try {
      const request: ExchangeRequest = {
        ...step.request,
        url: resolveUrl(fill(step.url), baseUrl, step.where),
        headers: Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, fill(v)])),
        body: step.body === undefined ? undefined : fill(step.body),
      };
      const result = await exchange(request, transport, context, cookies);
      total += result.durationMs;
      outcome = judge({ conditions: step.conditions, ...result });
      if (outcome.status === "pass") capture(step, result.facts, values, outcome);
    } catch (error) {
      // A captured value that makes the URL invalid: this run fails, the config is fine.
      if (!(error instanceof InvalidInputError)) throw error;
      outcome = {
        status: "fail",
        durationMs: 0,
        message: error.message.replace(`${step.where}: `, ""),
      };
    }
    parts.push({
      name: step.label,
      status: outcome.status,
      message: outcome.message,
      value: Math.round(outcome.durationMs),
    });
    if (outcome.status !== "pass") {
      for (const rest of steps.slice(index + 1)) {
        parts.push({
          name: rest.label,
          status: "inconclusive",
          message: "not run: an earlier step failed",
          value: null,
        });
      }
      return {
        status: outcome.status,
        durationMs: total,
        message: `step "${step.label}": ${outcome.message}`,
        parts,
      };
    }
  }
  return {
    status: "pass",
    durationMs: total,
    message: `${steps.length} steps passed in ${Math.round(total)} ms`,
    parts,
  };
}

/** Stores a step's captures; a missing one fails the step (later steps would send nonsense). */
function capture(
  step: Step,
  facts: Parameters<typeof readSubjectValue>[1],
  values: Map<string, string>,
  outcome: CheckOutcome,
): void {
  for (const { name, subject } of step.captures) {
    const read = readSubjectValue(subject, facts);
    if (!read.found) {
      outcome.status = "fail";
      outcome.message = `capture ${name} from ${subject.text} failed: ${read.reason}`;
      return;
    }
    const value = read.value;
    values.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
}
