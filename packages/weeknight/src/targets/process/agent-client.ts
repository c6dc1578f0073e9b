import { openAsBlob } from "node:fs";
import { type AppStatus, appStatusSchema, type DesiredState } from "../../agent/agent-schema.js";
import {
  ConflictError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
  UnauthenticatedError,
} from "../../errors/domain-errors.js";

/** Typed calls to a Weeknight agent's API (`weeknight agent`). */
export interface AgentClient {
  readonly url: string;
  putApp(doc: DesiredState, signal?: AbortSignal): Promise<AppStatus>;
  getApp(app: string, signal?: AbortSignal): Promise<AppStatus>;
  rollback(app: string, to: string, signal?: AbortSignal): Promise<AppStatus>;
  logs(app: string, release: string, tail?: number): Promise<string[]>;
  health(): Promise<{ status: string; apps: number }>;
  /**
   * Uploads an artifact unless the agent has it already (for agents on other machines).
   * Optional: a client of a local agent, which reads artifacts in place, needs none.
   */
  ensureArtifact?(
    sha256: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<"present" | "uploaded">;
}

/** The agent could not be reached at all (as opposed to answering with an error). */
export class AgentUnreachableError extends Error {
  override readonly name = "AgentUnreachableError";
}

export interface AgentClientDeps {
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Per call; a PUT verifies and unpacks artifacts, so it is generous (default 120 s). */
  timeoutMs?: number;
}

export function createAgentClient(deps: AgentClientDeps): AgentClient {
  const base = deps.url.replace(/\/+$/, "");
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 120_000;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const raw = body instanceof Blob;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${deps.token}`,
          ...(body === undefined
            ? {}
            : { "content-type": raw ? "application/octet-stream" : "application/json" }),
        },
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AgentUnreachableError(
        `the agent at ${base} is unreachable (${describe(error)}) — is \`weeknight agent\` running there?`,
      );
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok) return json;
    throw agentError(response.status, json, text, base);
  }

  return {
    url: base,
    async putApp(doc, signal) {
      return appStatusSchema.parse(await call("PUT", appPath(doc.app), doc, signal));
    },
    async getApp(app, signal) {
      return appStatusSchema.parse(await call("GET", appPath(app), undefined, signal));
    },
    async rollback(app, to, signal) {
      return appStatusSchema.parse(await call("POST", `${appPath(app)}/rollback`, { to }, signal));
    },
    async logs(app, release, tail = 200) {
      const path = `${appPath(app)}/logs/${encodeURIComponent(release)}?tail=${tail}`;
      const answer = (await call("GET", path)) as { lines?: unknown };
      return Array.isArray(answer.lines) ? answer.lines.map(String) : [];
    },
    async health() {
      return (await call("GET", "/agent/v1/health")) as { status: string; apps: number };
    },
    async ensureArtifact(sha256, path, signal) {
      const url = `/agent/v1/artifacts/${encodeURIComponent(sha256)}`;
      try {
        await call("HEAD", url, undefined, signal);
        return "present";
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
      // A Blob backed by the file: fetch streams it instead of reading it into memory.
      await call("PUT", url, await openAsBlob(path), signal);
      return "uploaded";
    },
  };
}

/** `shop/production` → `/agent/v1/apps/shop/production`, each part encoded. */
export function appPath(app: string): string {
  return `/agent/v1/apps/${app.split("/").map(encodeURIComponent).join("/")}`;
}

function agentError(status: number, json: unknown, text: string, base: string): Error {
  const error = (json as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
  const message = `agent at ${base}: ${typeof error?.message === "string" ? error.message : text.slice(0, 200) || `HTTP ${status}`}`;
  const details = error?.details;
  if (status === 400) return new InvalidInputError(message, details);
  if (status === 401) return new UnauthenticatedError(message);
  if (status === 403) return new NotAllowedError(message);
  if (status === 404) return new NotFoundError(message);
  if (status === 409) return new ConflictError(message, details);
  return new AgentHttpError(status, message);
}

/** An agent answer that maps to no domain error (e.g. a 500). */
export class AgentHttpError extends Error {
  override readonly name = "AgentHttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
