import type { Dispatcher } from "undici";
import type { ResponseFacts } from "./condition-evaluate.js";
import { formatDuration } from "./format-duration.js";
import type { HttpTransport } from "./http-transport.js";

/** One request of a check or journey step, after secrets and captures are filled in. */
export interface ExchangeRequest {
  url: URL;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxRedirects: number;
  /** Keep the body text for conditions and captures (otherwise it is only counted). */
  keepBody: boolean;
}

/** Cookies for journeys: what to send to a URL, and what a response set. */
export interface CookieHooks {
  cookieFor(url: URL): string;
  store(url: URL, setCookie: string[]): void;
}

export interface Exchange {
  facts: ResponseFacts;
  /** Set when the exchange broke (no response, timeout, redirect loop, body too large). */
  error?: string;
  /** The run was cancelled from outside (server stopping): not the target's fault. */
  cancelled: boolean;
  /** From the first byte sent to the last read, or to the failure. */
  durationMs: number;
}

export const MAX_BODY_BYTES = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "Weeknight-Monitor/1";
/** Headers that must not follow a redirect to another origin: they carry credentials. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

/**
 * Sends the request, follows redirects, reads the body up to 1 MiB, and reports what it saw.
 * Never throws: every failure becomes an `error` sentence for people.
 */
export async function exchange(
  request: ExchangeRequest,
  transport: HttpTransport,
  context: { signal: AbortSignal; now(): number },
  cookies?: CookieHooks,
): Promise<Exchange> {
  const started = context.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const cancel = () => controller.abort();
  context.signal.addEventListener("abort", cancel, { once: true });
  if (context.signal.aborted) controller.abort();
  const facts: ResponseFacts = { connected: false };
  try {
    await run(request, transport, { signal: controller.signal, now: context.now }, facts, cookies);
    facts.responseTimeMs = context.now() - started;
    return { facts, cancelled: false, durationMs: facts.responseTimeMs };
  } catch (error) {
    const cancelled = controller.signal.aborted && !timedOut;
    const message = timedOut
      ? `timed out after ${formatDuration(request.timeoutMs)}`
      : cancelled
        ? "cancelled before it finished"
        : describeError(error, request.url.hostname);
    if (!facts.connected) facts.error = message;
    return { facts, error: message, cancelled, durationMs: context.now() - started };
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener("abort", cancel);
  }
}

/** A failure found while reading a response: the message is already for people. */
class ExchangeFailure extends Error {}

async function run(
  request: ExchangeRequest,
  transport: HttpTransport,
  { signal, now }: { signal: AbortSignal; now(): number },
  facts: ResponseFacts,
  cookies: CookieHooks | undefined,
): Promise<void> {
  let url = request.url;
  let method = request.method;
  let body = request.body;
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    ...lowerKeys(request.headers),
  };
  const visited = [url.href];
  for (;;) {
    if (cookies !== undefined) setCookieHeader(headers, cookies.cookieFor(url));
    const response = await transport.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body: body ?? null,
      signal,
    });
    facts.connected = true;
    facts.status = response.statusCode;
    facts.headers = response.headers;
    const expiry = transport.certificateExpiry(url);
    facts.certificateExpiresInMs = expiry === undefined ? undefined : expiry - now();
    const setCookie = response.headers["set-cookie"];
    if (cookies !== undefined && setCookie !== undefined) {
      cookies.store(url, Array.isArray(setCookie) ? setCookie : [setCookie]);
    }
    const location = response.headers.location;
    if (
      request.maxRedirects === 0 ||
      !REDIRECTS.has(response.statusCode) ||
      typeof location !== "string"
    ) {
      await readBody(response, request.keepBody, facts);
      return;
    }
    await response.body.dump();
    const next = URL.canParse(location, url) ? new URL(location, url) : null;
    if (next === null || (next.protocol !== "http:" && next.protocol !== "https:")) {
      throw new ExchangeFailure(`redirect to an invalid location "${location}" from ${url.href}`);
    }
    visited.push(next.href);
    if (visited.length - 1 > request.maxRedirects)
      throw new ExchangeFailure(tooManyRedirects(visited, request.maxRedirects));
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
    // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
    if (
      response.statusCode === 303
        ? method !== "HEAD"
        : method === "POST" && response.statusCode < 303
    ) {
      method = "GET";
      body = undefined;
      delete headers["content-type"];
      delete headers["content-length"];
    }
    url = next;
  }
}

function tooManyRedirects(visited: string[], max: number): string {
  const loop = new Set(visited).size < visited.length;
  const origin = new URL(visited[0] ?? "").origin;
  // Paths on the first URL's origin read best; other origins are shown whole.
  const chain = visited
    .map((href) => (href.startsWith(`${origin}/`) ? href.slice(origin.length) : href))
    .join(" → ");
  return loop ? `redirect loop: ${chain}` : `more than ${max} redirects: ${chain}`;
}

async function readBody(
  response: Dispatcher.ResponseData,
  keep: boolean,
  facts: ResponseFacts,
): Promise<void> {
  const tooLarge = `body larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`;
  const declared = Number(response.headers["content-length"]);
  if (declared > MAX_BODY_BYTES) {
    discard(response);
    throw new ExchangeFailure(tooLarge);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      discard(response);
      throw new ExchangeFailure(tooLarge);
    }
    if (keep) chunks.push(chunk);
  }
  if (keep) facts.body = Buffer.concat(chunks, size).toString("utf8");
}

/** Drops the rest of a body (and its connection); the abort error it emits is expected. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on("error", () => {});
  response.body.destroy();
}

function setCookieHeader(headers: Record<string, string>, cookie: string): void {
  if (cookie === "") delete headers.cookie;
  else headers.cookie = cookie;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

const ERROR_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ENOTFOUND: "host not found (DNS)",
  EAI_AGAIN: "host name lookup failed (DNS), try again later",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  UND_ERR_SOCKET: "connection closed by the server before it answered",
  UND_ERR_HEADERS_TIMEOUT: "no response headers in time",
  UND_ERR_BODY_TIMEOUT: "the body stopped arriving",
};

/** One sentence for an undici / node:net / node:tls error. */
export function describeError(error: unknown, host?: string): string {
  if (error instanceof ExchangeFailure) return error.message;
  // Happy eyeballs reports one error per address tried; the first says enough.
  const first =
    error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = errorCode(first) ?? errorCode(error);
  const message = first instanceof Error ? first.message : String(first);
  if (code === "ENOTFOUND" && host !== undefined) return `host ${host} not found (DNS)`;
  if (code !== undefined && ERROR_CODES[code] !== undefined) return ERROR_CODES[code];
  if (code !== undefined && isTlsCode(code)) return `TLS error: ${message} (${code})`;
  return message === ""
    ? `request failed (${code ?? "unknown error"})`
    : `request failed: ${message}`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_TLS") ||
    code.startsWith("ERR_SSL") ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|_SIGNATURE_|HOSTNAME/.test(code)
  );
}
