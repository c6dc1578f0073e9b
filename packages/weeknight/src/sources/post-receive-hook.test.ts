import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/domain-errors.js";
import { hookWebhookUrl, renderPostReceiveHook, shellQuote } from "./post-receive-hook.js";

describe("hookWebhookUrl", () => {
  it("points at the project's generic webhook", () => {
    expect(hookWebhookUrl("http://ci.internal:8080", "app")).toBe(
      "http://ci.internal:8080/api/v1/webhooks/app/generic",
    );
    expect(hookWebhookUrl("https://ci.example.com/weeknight/", "my app")).toBe(
      "https://ci.example.com/weeknight/api/v1/webhooks/my%20app/generic",
    );
  });

  it("refuses what is not an http(s) URL, and an empty project", () => {
    expect(() => hookWebhookUrl("ci.internal:8080", "app")).toThrow(InvalidInputError);
    expect(() => hookWebhookUrl("not a url", "app")).toThrow(/is not a URL/);
    expect(() => hookWebhookUrl("ftp://ci", "app")).toThrow(/http:\/\/ or https:\/\//);
    expect(() => hookWebhookUrl("http://ci", " ")).toThrow(/Project name/);
  });
});

describe("shellQuote", () => {
  it("single-quotes and escapes embedded quotes", () => {
    expect(shellQuote("plain")).toBe("'plain'");
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
  });
});

describe("renderPostReceiveHook", () => {
  const secret = "s3cr'et";
  const script = renderPostReceiveHook({
    serverUrl: "http://127.0.0.1:7000",
    projectName: "app",
    secret,
    nodePath: "/usr/local/bin/node",
  });

  it("is a POSIX sh script that always exits 0", () => {
    expect(script.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script.trimEnd().endsWith("exit 0")).toBe(true);
  });

  it("keeps the secret in one env assignment, never on a command line", () => {
    const lines = script.split("\n").filter((line) => line.includes("s3cr"));
    expect(lines).toEqual([`WEEKNIGHT_SECRET=${shellQuote(secret)}`]);
    expect(script).toContain("export WEEKNIGHT_URL WEEKNIGHT_SECRET");
  });

  it("uses the given node, falling back to node on PATH", () => {
    expect(script).toContain("node='/usr/local/bin/node'");
    expect(script).toContain('[ -x "$node" ] || node=node');
  });

  it("waits 5 s by default", () => {
    expect(script).toContain("AbortSignal.timeout(5000)");
  });
});
