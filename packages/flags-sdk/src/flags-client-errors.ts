export type FlagsClientErrorCode =
  /** The server rejected the SDK key (401/403). */
  | "UNAUTHORIZED"
  /** Any other non-2xx answer. */
  | "HTTP_ERROR"
  /** The server could not be reached, or the connection broke. */
  | "NETWORK"
  /** The stream sent nothing, not even a keep-alive, for `streamIdleTimeoutMs`. */
  | "STREAM_IDLE"
  /** The server sent something that is not a flag set; the previous flags stay in force. */
  | "MALFORMED_FLAGS"
  /** The bootstrap file could not be read or is not a flag set. */
  | "BOOTSTRAP_FAILED"
  /** Evaluation counts could not be sent; they are kept for the next report. */
  | "METRICS_FAILED"
  /** A `ready` or `changed` listener threw. */
  | "LISTENER_FAILED"
  | "READY_TIMEOUT"
  /** `ready()` was pending when the client was closed. */
  | "CLOSED";

/** What went wrong, with a stable `code`; the message says where and what to do next. */
export class FlagsClientError extends Error {
  override readonly name = "FlagsClientError";
  readonly code: FlagsClientErrorCode;
  /** The HTTP status, for UNAUTHORIZED and HTTP_ERROR. */
  readonly status: number | undefined;
  /** Errors with the same code and reason are the same failure: `error` is emitted once. */
  readonly reason: string;

  constructor(
    code: FlagsClientErrorCode,
    message: string,
    options: { status?: number; reason?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.reason = options.reason ?? String(options.status ?? "");
  }
}

/** An error for a non-2xx response, quoting the server's `{code, message}` when it sent one. */
export async function responseError(response: Response, what: string): Promise<FlagsClientError> {
  const status = response.status;
  let detail = "";
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    if (typeof body?.message === "string") {
      detail =
        typeof body.code === "string" ? ` (${body.code}: ${body.message})` : ` (${body.message})`;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  if (status === 401 || status === 403) {
    return new FlagsClientError(
      "UNAUTHORIZED",
      `${what} was refused with ${status}${detail}. The SDK key is unknown or revoked: ` +
        "create one for this project and environment in Weeknight and pass it as `sdkKey`.",
      { status },
    );
  }
  return new FlagsClientError("HTTP_ERROR", `${what} answered ${status}${detail}.`, { status });
}

/** An error for a request that failed before any response (refused, reset, DNS, TLS). */
export function networkError(error: unknown, what: string): FlagsClientError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const message =
    typeof cause?.message === "string" ? cause.message : String((error as Error)?.message ?? error);
  return new FlagsClientError(
    "NETWORK",
    `${what} failed: ${message}. Check that the Weeknight URL is right and reachable; ` +
      "the client keeps retrying.",
    { reason: code ?? message, cause: error },
  );
}
