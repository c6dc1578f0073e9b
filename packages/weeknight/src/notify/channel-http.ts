/** HTTP plumbing shared by the Slack and webhook channels. */

export const defaultChannelTimeoutMs = 10_000;

/**
 * The URL as it may be stored and shown: no userinfo, query or fragment.
 * `maskLastSegment` hides tokens that chat webhooks carry in the path (Slack, Mattermost, Discord).
 */
export function redactUrl(raw: string, options: { maskLastSegment?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "(invalid URL)";
  }
  let path = url.pathname;
  if (options.maskLastSegment) {
    const cut = path.replace(/\/+$/, "").lastIndexOf("/");
    if (cut >= 0 && cut < path.length - 1) path = `${path.slice(0, cut + 1)}***`;
  }
  return `${url.protocol}//${url.host}${path}`;
}

export interface PostJsonRequest {
  /** Names the channel in errors, e.g. "Slack webhook". */
  label: string;
  url: string;
  /** Redacted URL: the only form of the URL that may appear in an error. */
  target: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** POSTs once; throws an Error that names the target and what went wrong. */
export async function postJson(request: PostJsonRequest): Promise<void> {
  const { label, target, timeoutMs } = request;
  if (!URL.canParse(request.url) || !/^https?:$/.test(new URL(request.url).protocol)) {
    throw new Error(`${label} ${target}: the URL must be an http:// or https:// address`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...request.headers },
      body: request.body,
      // A redirected POST turns into a GET elsewhere; treat it as a misconfigured URL instead.
      redirect: "manual",
      signal,
    });
  } catch (error) {
    throw new Error(`${label} ${target}: ${describeFetchError(error, timeoutMs)}`);
  }
  let text = "";
  try {
    text = await response.text();
  } catch (error) {
    if (response.ok) throw new Error(`${label} ${target}: ${describeFetchError(error, timeoutMs)}`);
  }
  if (!response.ok) {
    const snippet = text.slice(0, 200).trim();
    throw new Error(
      `${label} ${target} answered HTTP ${response.status}${snippet ? `: ${snippet}` : ""}`,
    );
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no response within ${timeoutMs} ms`;
  }
  // undici reports network failures as "fetch failed" with the real reason in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return `request failed: ${cause.message}`;
  return `request failed: ${error instanceof Error ? error.message : String(error)}`;
}
