/** Header a client (or the load balancer in front) may send to choose its sticky identity. */
export const CLIENT_HEADER = "x-weeknight-client";

/** Who the client is, for stickiness: the explicit header, else address and user agent. */
export function clientKey(input: {
  client: string | undefined;
  remoteAddress: string;
  userAgent: string;
}): string {
  if (input.client) return input.client;
  return `${input.remoteAddress}|${input.userAgent}`;
}

/**
 * Whether this client belongs to the canary's share. The canary id salts the hash so
 * each canary gets a different cohort, while one client always lands on the same side.
 */
export function inCanaryShare(key: string, canaryId: string, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return clientBucket(key, canaryId) < percent * 100;
}

/** A stable bucket in [0, 10000) — hundredths of a percent. */
export function clientBucket(key: string, salt: string): number {
  return fnv1a(`${salt}|${key}`) % 10_000;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
