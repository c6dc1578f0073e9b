import { describe, expect, it } from "vitest";
import { createReleaseLogSource, parseReleaseLine } from "./release-log-source.js";

/** A fake agent whose release logs tests append to; `logs` answers the last `tail` lines. */
function fakeAgent() {
  const logs = new Map<string, string[]>();
  const calls: string[] = [];
  return {
    calls,
    write(release: string, iso: string, source: string, text: string) {
      const lines = logs.get(release) ?? [];
      lines.push(`${iso} ${source} ${text}`);
      logs.set(release, lines);
    },
    async logs(app: string, release: string, tail = 200) {
      calls.push(`${app} ${release} ${tail}`);
      return (logs.get(release) ?? []).slice(-tail);
    },
  };
}

const T = "2024-05-01T12:00:00.000Z";
const T1 = "2024-05-01T12:00:01.000Z";

describe("createReleaseLogSource", () => {
  it("returns each line of the serving release once, skipping the agent's own lines", async () => {
    const agent = fakeAgent();
    const source = createReleaseLogSource({ agent, app: "shop/production" });
    expect(await source.poll(null)).toEqual([]);
    agent.write("b1", T, "agent", "started");
    agent.write("b1", T, "stdout", "listening");
    agent.write("b1", T, "stderr", "ERROR one");
    expect(await source.poll("b1")).toEqual([
      { at: Date.parse(T), text: "listening" },
      { at: Date.parse(T), text: "ERROR one" },
    ]);
    expect(await source.poll("b1")).toEqual([]);
    // Same millisecond as lines already returned: still told apart by how many there were.
    agent.write("b1", T, "stderr", "ERROR one");
    agent.write("b1", T1, "stdout", "later");
    expect((await source.poll("b1")).map((l) => l.text)).toEqual(["ERROR one", "later"]);
    expect(agent.calls[0]).toBe("shop/production b1 10000");
  });

  it("starts over for a new release", async () => {
    const agent = fakeAgent();
    const source = createReleaseLogSource({ agent, app: "shop/production" });
    agent.write("b1", T1, "stdout", "old");
    await source.poll("b1");
    agent.write("b2", T, "stdout", "new release");
    expect((await source.poll("b2")).map((l) => l.text)).toEqual(["new release"]);
  });

  it("counts a poll that may have missed lines when the tail overflowed", async () => {
    const agent = fakeAgent();
    const source = createReleaseLogSource({ agent, app: "a/b", tail: 2 });
    agent.write("b1", T, "stdout", "1");
    await source.poll("b1");
    for (const n of [2, 3, 4]) agent.write("b1", T1, "stdout", String(n));
    expect((await source.poll("b1")).map((l) => l.text)).toEqual(["3", "4"]);
    expect(source.missed).toBe(1);
  });

  it("parses agent log lines", () => {
    expect(parseReleaseLine(`${T} stderr a b`)).toEqual({ at: Date.parse(T), text: "a b" });
    expect(parseReleaseLine(`${T} agent exited`)).toEqual({ at: Date.parse(T), text: null });
    expect(parseReleaseLine("no timestamp")).toEqual({ at: null, text: "no timestamp" });
  });
});
