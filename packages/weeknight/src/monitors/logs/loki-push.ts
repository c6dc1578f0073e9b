import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { SourceLine } from "./file-tail.js";

/** A decompressed push larger than this is refused (a gzip bomb unpacks to gigabytes). */
export const LOKI_PUSH_MAX_BYTES = 10 * 1024 * 1024;

export interface LokiStream {
  labels: Record<string, string>;
  lines: SourceLine[];
}

/** Why a push was refused: the route answers 400, 413 or 415 from it. */
export type PushProblem = "invalid" | "too-large" | "unsupported";

export class PushRejectedError extends InvalidInputError {
  constructor(
    readonly problem: PushProblem,
    message: string,
  ) {
    super(message);
  }
}

const gunzipAsync = promisify(gunzip);

/** `"1700000000123456789"`: nanoseconds since the epoch, as Loki sends them (at most 19 digits). */
const NANOSECONDS = /^\d{1,19}$/;

/**
 * Parses a push in Loki's JSON format: `{"streams":[{"stream":{labels},"values":[["<unix ns>",
 * "line"], …]}]}`, gzip-compressed or not. Timestamps become epoch ms exactly, by cutting the
 * string (a float would lose the last digits of 19).
 */
export async function parseLokiPush(
  body: Buffer,
  headers: { contentType?: string; contentEncoding?: string },
  maxBytes = LOKI_PUSH_MAX_BYTES,
): Promise<LokiStream[]> {
  const type = (headers.contentType ?? "application/json").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new PushRejectedError(
      "unsupported",
      `content type ${type} is not supported: Weeknight accepts Loki's JSON push format only (application/json) — configure the shipper to push JSON (e.g. promtail/Alloy \`-client.push-format=json\`, Vector \`encoding.codec = "json"\`)`,
    );
  }
  const text = await decode(body, headers.contentEncoding, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(`the body is not valid JSON (${(error as Error).message})`);
  }
  return readStreams(json);
}

async function decode(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number,
): Promise<string> {
  const name = (encoding ?? "identity").trim().toLowerCase();
  if (name === "identity" || name === "") {
    if (body.length > maxBytes) throw tooLarge(maxBytes);
    return body.toString("utf8");
  }
  if (name !== "gzip") {
    throw new PushRejectedError(
      "unsupported",
      `content encoding ${name} is not supported — send the body plain or with Content-Encoding: gzip`,
    );
  }
  try {
    return (await gunzipAsync(body, { maxOutputLength: maxBytes })).toString("utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw invalid(`the body is not valid gzip (${(error as Error).message})`);
  }
}

function readStreams(json: unknown): LokiStream[] {
  if (!isObject(json) || !Array.isArray(json.streams)) {
    throw invalid(
      'expected an object with a "streams" array, e.g. {"streams":[{"stream":{"app":"checkout"},"values":[["1700000000000000000","a line"]]}]}',
    );
  }
  return json.streams.map((stream, i) => readStream(stream, `streams[${i}]`));
}

function readStream(stream: unknown, where: string): LokiStream {
  if (!isObject(stream)) throw invalid(`${where} must be an object with "stream" and "values"`);
  const labels = stream.stream ?? {};
  if (!isObject(labels))
    throw invalid(`${where}.stream must be an object of label names to strings`);
  for (const [name, value] of Object.entries(labels)) {
    if (typeof value !== "string") {
      throw invalid(`${where}.stream.${name} must be a string, got ${JSON.stringify(value)}`);
    }
  }
  if (!Array.isArray(stream.values))
    throw invalid(`${where}.values must be an array of ["<unix ns>", "line"] pairs`);
  const lines = stream.values.map((value, j) => readValue(value, `${where}.values[${j}]`));
  return { labels: labels as Record<string, string>, lines };
}

function readValue(value: unknown, where: string): SourceLine {
  // A third element (structured metadata) is allowed and ignored.
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    throw invalid(`${where} must be ["<unix ns>", "line"], got ${preview(value)}`);
  }
  const [ns, text] = value;
  if (typeof ns !== "string" || !NANOSECONDS.test(ns)) {
    throw invalid(
      `${where}[0] must be a timestamp in nanoseconds since the epoch as a string of digits, e.g. "1700000000123456789", got ${preview(ns)}`,
    );
  }
  if (typeof text !== "string")
    throw invalid(`${where}[1] must be the log line as a string, got ${preview(text)}`);
  return { at: nanosecondsToMs(ns), text };
}

/** `"1700000000123456789"` → 1700000000123: the digits before the last six, no float on the way. */
export function nanosecondsToMs(ns: string): number {
  return ns.length <= 6 ? 0 : Number(ns.slice(0, -6));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

function invalid(message: string): PushRejectedError {
  return new PushRejectedError("invalid", `invalid Loki push: ${message}`);
}

function tooLarge(maxBytes: number): PushRejectedError {
  return new PushRejectedError(
    "too-large",
    `the push is larger than ${maxBytes / (1024 * 1024)} MiB once decompressed — send smaller batches (e.g. promtail \`batchsize\`)`,
  );
}
