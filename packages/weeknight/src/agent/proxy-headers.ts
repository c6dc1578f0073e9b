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
    if (HOP_BY_HOP.has(lower)) continue;
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

/** The upstream's response headers minus hop-by-hop ones, plus `extra`. */
export function responseHeaders(raw: string[], extra: [string, string]): string[] {
  const headers: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? "";
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers.push(name, raw[i + 1] ?? "");
  }
  headers.push(extra[0], extra[1]);
  return headers;
}
