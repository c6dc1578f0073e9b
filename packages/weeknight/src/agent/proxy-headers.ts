/**
 * Header handling for the proxy, on Node's flat `rawHeaders` arrays: building header
 * objects for every request and response was a measurable share of the proxy's cost.
 */

// Per-connection headers must not travel to the next hop (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

/**
 * Node's server answers `Expect: 100-continue` itself before the handler runs, so the
 * expectation is met at this hop; undici refuses to send the header on.
 */
const REQUEST_ONLY_HERE = "expect";

export interface ScannedRequest {
  /** Flat [name, value, …] to send upstream. */
  headers: string[];
  /** The `x-weeknight-client` header, if sent. */
  client: string | undefined;
  userAgent: string;
  hasBody: boolean;
}

export function scanRequestHeaders(raw: string[], remoteAddress: string): ScannedRequest {
  const headers: string[] = [];
  let client: string | undefined;
  let userAgent = "";
  let forwardedFor: string | undefined;
  let hasProto = false;
  let hasBody = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const value = raw[i + 1] ?? "";
    const lower = name.toLowerCase();
    if (lower === "transfer-encoding") hasBody = true;
    if (HOP_BY_HOP.has(lower) || lower === REQUEST_ONLY_HERE) continue;
    if (lower === "x-forwarded-for") {
      forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
      continue;
    }
    if (lower === "content-length" && value !== "0") hasBody = true;
    else if (lower === "x-weeknight-client") client = value;
    else if (lower === "user-agent") userAgent = value;
    else if (lower === "x-forwarded-proto") hasProto = true;
    headers.push(name, value);
  }
  headers.push(
    "X-Forwarded-For",
    forwardedFor ? `${forwardedFor}, ${remoteAddress}` : remoteAddress,
  );
  if (!hasProto) headers.push("X-Forwarded-Proto", "http");
  return { headers, client, userAgent, hasBody };
}

/**
 * The upstream's response headers (undici's raw name/value buffers) minus hop-by-hop
 * ones, plus `extra`. Latin-1 keeps every byte as sent, and Node writes it back as such.
 */
export function responseHeaders(raw: Buffer[], extra: [string, string]): string[] {
  const headers: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]?.toString("latin1") ?? "";
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers.push(name, raw[i + 1]?.toString("latin1") ?? "");
  }
  headers.push(extra[0], extra[1]);
  return headers;
}
