import { describe, expect, it } from "vitest";
import { clientKey, inCanaryShare } from "./traffic-route.js";

describe("sticky canary share", () => {
  it("identifies a client by its header, else by address and user agent", () => {
    expect(clientKey({ client: "user-7", remoteAddress: "10.0.0.1", userAgent: "" })).toBe(
      "user-7",
    );
    expect(clientKey({ client: undefined, remoteAddress: "10.0.0.1", userAgent: "curl/8" })).toBe(
      "10.0.0.1|curl/8",
    );
  });

  it("always puts the same client on the same side", () => {
    for (let i = 0; i < 200; i++) {
      const first = inCanaryShare(`user-${i}`, "v2", 10);
      for (let again = 0; again < 3; again++)
        expect(inCanaryShare(`user-${i}`, "v2", 10)).toBe(first);
    }
  });

  it("sends about the configured share of clients to the canary", () => {
    const clients = Array.from({ length: 10_000 }, (_, i) => `client-${i}`);
    const share = (percent: number) =>
      clients.filter((c) => inCanaryShare(c, "b12-d7", percent)).length / clients.length;
    expect(share(10)).toBeGreaterThan(0.08);
    expect(share(10)).toBeLessThan(0.12);
    expect(share(50)).toBeGreaterThan(0.47);
    expect(share(50)).toBeLessThan(0.53);
    expect(share(0)).toBe(0);
    expect(share(100)).toBe(1);
  });

  it("grows the cohort without moving clients out of it when the share grows", () => {
    const clients = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    for (const c of clients) {
      if (inCanaryShare(c, "v2", 10)) expect(inCanaryShare(c, "v2", 25)).toBe(true);
    }
  });
});
