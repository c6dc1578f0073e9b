import { createHmac, timingSafeEqual } from "node:crypto";

export const signatureHeader = "X-Weeknight-Signature-256";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of X-Weeknight-Signature-256. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** True when `header` is the signature of exactly these body bytes; compares in constant time. */
export function verifySignature(
  secret: string,
  body: string | Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const actual = Buffer.from(header.trim());
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
