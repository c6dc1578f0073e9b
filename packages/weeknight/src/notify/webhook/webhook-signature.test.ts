import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./webhook-signature.js";

describe("webhook signature", () => {
  const body = '{"event":"build.failed"}';

  it("is sha256= and the hex HMAC-SHA256 of the raw body", () => {
    const hex = createHmac("sha256", "s3cret").update(body).digest("hex");
    expect(signBody("s3cret", body)).toBe(`sha256=${hex}`);
  });

  it("verifies the matching body and secret only", () => {
    const header = signBody("s3cret", body);
    expect(verifySignature("s3cret", body, header)).toBe(true);
    expect(verifySignature("s3cret", Buffer.from(body), header)).toBe(true);
    expect(verifySignature("other", body, header)).toBe(false);
    expect(verifySignature("s3cret", `${body} `, header)).toBe(false);
    expect(verifySignature("s3cret", body, undefined)).toBe(false);
    expect(verifySignature("s3cret", body, "sha256=abc")).toBe(false);
  });
});
