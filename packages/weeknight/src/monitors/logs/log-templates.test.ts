import { describe, expect, it } from "vitest";
import { fingerprintOf, TEMPLATE_INPUT_MAX, templateOf } from "./log-templates.js";

describe("templateOf", () => {
  it.each([
    [
      "TypeError: Cannot read properties of undefined (reading 'id')",
      "TypeError: Cannot read properties of undefined (reading '<str>')",
    ],
    [
      "2024-05-01T12:03:04.123Z ERROR payment 4242 failed for user 17 after 350.5ms",
      "<ts> ERROR payment <num> failed for user <num> after <num>ms",
    ],
    [
      'java.lang.IllegalStateException: Order 9f86d081-884c-4d63-a2c0-5a8b5e1e2f11 not found in "orders"',
      'java.lang.IllegalStateException: Order <uuid> not found in "<str>"',
    ],
    [
      '2024/05/01 12:03:04 [error] 1234#1234: *56789 open() "/var/www/favicon.ico" failed (2: No such file or directory), client: 10.0.0.12, server: example.com, request: "GET /favicon.ico HTTP/1.1"',
      '<ts> [error] <num>#<num>: *<num> open() "<str>" failed (<num>: No such file or directory), client: <ip>, server: example.com, request: "<str>"',
    ],
    [
      '{"level":"error","time":"2024-05-01T12:03:04Z","msg":"db timeout after 3000ms on shard 7","reqId":"req_8f3a9c0d","user":"bob"}',
      '{"level":"<str>","time":"<str>","msg":"db timeout after <num>ms on shard <num>","reqId":"<str>","user":"<str>"}',
    ],
    ["mail to john.doe+x@example.co.uk bounced: 550", "mail to <email> bounced: <num>"],
    [
      "GET /api/orders/123?token=abc&x=1 -> 500 from 192.168.1.20:54321",
      "GET /api/orders/<num>?<query> -> <num> from <ip>:<num>",
    ],
    [
      "segfault at 0x7ffdf3a0 ip 00007f2a1b3c4d5e sp deadbeefcafe error 4",
      "segfault at <hex> ip <hex> sp <hex> error <num>",
    ],
    ["Error: connect ECONNREFUSED 127.0.0.1:5432", "Error: connect ECONNREFUSED <ip>:<num>"],
    ["request req_8f3a9c0d by user42 in b12-d7", "request req_<hex> by user<num> in b<num>-d<num>"],
    ["at 03:04:05,123 on 2024-05-01 12:00:00+02:00", "at <ts> on <ts>"],
  ])("masks %s", (line, template) => {
    expect(templateOf(line)).toBe(template);
  });

  it("keeps prose: apostrophes, words with hex letters, versions stay readable", () => {
    expect(templateOf("it's the user's fault: facade failed")).toBe(
      "it's the user's fault: facade failed",
    );
    expect(templateOf("node v20.1.0 crashed")).toBe("node v<num>.<num> crashed");
  });

  it("gives lines that differ only in their values one template and one fingerprint", () => {
    const a = templateOf("user 41 from 10.0.0.1 failed: 'x'");
    const b = templateOf("user 42 from 10.9.8.7 failed: 'yy'");
    expect(a).toBe(b);
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
    expect(fingerprintOf(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprintOf(templateOf("user 41 timed out"))).not.toBe(fingerprintOf(a));
  });

  it("handles odd input: empty, unclosed quotes, huge lines", () => {
    expect(templateOf("")).toBe("");
    expect(templateOf('unclosed "quote 12')).toBe('unclosed "quote <num>');
    expect(templateOf(`${"x".repeat(TEMPLATE_INPUT_MAX)} 12`)).toHaveLength(TEMPLATE_INPUT_MAX);
    expect(templateOf("1.2.3.4.5")).not.toContain("<ip>");
  });
});
