import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { z } from "zod";

/** An error the server answered with; `code` is its stable error code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export interface DownloadProgress {
  received: number;
  total?: number;
}

export interface DownloadResult {
  file: string;
  size: number;
  sha256: string;
}

export interface ApiClient {
  readonly url: string;
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** Saves a response body to `file`, checking it against the X-Weeknight-Sha256 header. */
  download(
    path: string,
    file: string,
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<DownloadResult>;
  /**
   * Opens a Server-Sent-Events stream; resolves once the server has answered, so a caller
   * can subscribe first and then act without missing what follows. Iteration ends when the
   * server closes the stream or `signal` aborts.
   */
  events(path: string, query?: Query, signal?: AbortSignal): Promise<AsyncIterable<SseMessage>>;
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const SHA256_HEADER = "x-weeknight-sha256";

/** Paths are relative to the API root, e.g. `/builds/3`; every call carries the token. */
export function createApiClient(options: {
  url: string;
  token?: string;
  fetch: typeof fetch;
}): ApiClient {
  const { url, token } = options;

  async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set("authorization", `Bearer ${token}`);
    let response: Response;
    try {
      response = await options.fetch(`${url}/api/v1${path}`, { ...init, method, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw unreachable(url, error);
    }
    if (!response.ok) throw await failure(response, method, path, Boolean(token), url);
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
    const response = await send(method, path, init);
    const text = await response.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  return {
    url,
    get: (path, query) => json("GET", withQuery(path, query)),
    post: (path, body) => json("POST", path, body ?? {}),
    put: (path, body) => json("PUT", path, body ?? {}),
    patch: (path, body) => json("PATCH", path, body ?? {}),
    delete: (path) => json("DELETE", path),

    async download(path, file, onProgress) {
      const response = await send("GET", path);
      const expected = response.headers.get(SHA256_HEADER);
      if (!expected || !response.body) {
        throw new Error(
          `${url} sent no ${SHA256_HEADER} header, so the download cannot be checked`,
        );
      }
      const total = Number(response.headers.get("content-length")) || undefined;
      const hash = createHash("sha256");
      let received = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          received += chunk.length;
          onProgress?.({ received, total });
          done(null, chunk);
        },
      });
      // Written beside the target and renamed at the end, so a failed download never
      // leaves a truncated file under the real name.
      const partial = `${file}.part`;
      try {
        const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
        await pipeline(body, meter, createWriteStream(partial));
      } catch (error) {
        await rm(partial, { force: true });
        throw lostConnection(url, error);
      }
      const sha256 = hash.digest("hex");
      if (sha256 !== expected) {
        await rm(partial, { force: true });
        throw new Error(
          `the download of ${path} is corrupt (sha256 ${sha256}, expected ${expected}); it was deleted: try again`,
        );
      }
      await rename(partial, file);
      return { file, size: received, sha256 };
    },

    async events(path, query, signal) {
      const response = await send("GET", withQuery(path, query), {
        signal,
        headers: { accept: "text/event-stream" },
      });
      return readEvents(response, url, signal);
    },
  };
}

async function* readEvents(
  response: Response,
  url: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<SseMessage> {
  if (!response.body) return;
  const messages = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  try {
    for await (const message of messages) {
      yield { event: message.event ?? "message", data: message.data, id: message.id };
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw lostConnection(url, error);
  }
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function causeOf(error: unknown): { code?: string; message?: string } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ?? { message: (error as Error).message };
}

export function unreachable(url: string, error: unknown): Error {
  const cause = causeOf(error);
  if (cause.code === "ECONNREFUSED") {
    return new Error(`cannot reach ${url}: is \`weeknight server\` running?`);
  }
  return new Error(`cannot reach ${url}: ${cause.code ?? cause.message}`);
}

function lostConnection(url: string, error: unknown): Error {
  const cause = causeOf(error);
  return new Error(`lost the connection to ${url}: ${cause.code ?? cause.message}`);
}

async function failure(
  response: Response,
  method: string,
  path: string,
  hadToken: boolean,
  url: string,
): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not our JSON error (e.g. a proxy's HTML page): described from the status below.
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    const status = `HTTP ${response.status} ${response.statusText}`.trim();
    return new ApiError(
      `HTTP_${response.status}`,
      `${method} ${path} failed: ${status}`,
      response.status,
    );
  }
  const { code, message } = parsed.data.error;
  return new ApiError(code, withHint(code, message, hadToken, url), response.status);
}

/** Server messages speak HTTP; the CLI adds the command that fixes it. */
function withHint(code: string, message: string, hadToken: boolean, url: string): string {
  if (code === "UNAUTHENTICATED" && hadToken) {
    return `${url} did not accept your token (revoked, or issued by another server?): run \`weeknight login --url ${url}\` again`;
  }
  const role = /needs the (\w+) role; (\S+) is/.exec(message);
  if (code === "NOT_ALLOWED" && role) {
    return `${message}: ask an admin to run \`weeknight user role ${role[2]} ${role[1]}\``;
  }
  return message;
}

/** Exchanges a password for a token and returns a client that uses it. */
export async function signIn(options: {
  url: string;
  username: string;
  password: string;
  tokenName: string;
  fetch: typeof fetch;
}): Promise<ApiClient> {
  const { url, username, password, tokenName } = options;
  const anonymous = createApiClient({ url, fetch: options.fetch });
  const { token } = await anonymous.post<{ token: string }>("/auth/login", {
    username,
    password,
    tokenName,
  });
  return createApiClient({ url, token, fetch: options.fetch });
}
