import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitorSchema } from "../../config/monitor-schema.js";
import type { CheckContext } from "../monitor-types.js";
import {
  createWebCheck,
  createWebCheckResources,
  parseCondition,
  type WebMonitorConfig,
} from "./index.js";
import { startTargetServer, type TargetServer } from "./test-support/target-server.js";

function webConfig(input: Record<string, unknown>): WebMonitorConfig {
  const parsed = monitorSchema.parse(input);
  if (parsed.type === "metrics" || parsed.type === "logs") throw new Error("not a web monitor");
  return parsed;
}

function runContext(): CheckContext {
  return {
    signal: new AbortController().signal,
    release: null,
    releaseSince: null,
    now: () => Date.now(),
  };
}

let target: TargetServer;

beforeAll(async () => {
  target = await startTargetServer();
});

afterAll(async () => {
  await target.close();
});

describe("createWebCheck", () => {
  it("builds each kind of web check on shared resources", async () => {
    const resources = createWebCheckResources({ chromiumPath: "/nonexistent/chromium" });
    const options = { baseUrl: target.url, resources };
    target.set("json-ok");
    const http = createWebCheck(
      webConfig({ name: "api", type: "http", url: "/health", conditions: ["[BODY].status == ok"] }),
      options,
    );
    const journey = createWebCheck(
      webConfig({ name: "flow", type: "journey", steps: [{ url: "/health" }, { url: "/echo" }] }),
      options,
    );
    const browser = createWebCheck(
      webConfig({ name: "page", type: "browser", url: "/page" }),
      options,
    );
    expect((await http.run(runContext())).status).toBe("pass");
    expect((await journey.run(runContext())).status).toBe("pass");
    expect((await browser.run(runContext())).status).toBe("inconclusive");
    await Promise.all([http.close?.(), journey.close?.(), browser.close?.()]);
    // Closing a check leaves the shared pool to the others.
    expect((await journey.run(runContext())).status).toBe("pass");
    await resources.close();
  });

  it("exports parseCondition for load-time validation", () => {
    expect(() => parseCondition("[STATUS] = 200")).toThrow(/unknown operator "=" at column 10/);
  });
});
