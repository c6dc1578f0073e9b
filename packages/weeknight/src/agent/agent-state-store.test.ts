import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAgentStateStore } from "./agent-state-store.js";
import type { AgentStateFile } from "./app-record.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeIn(snapshot: () => AgentStateFile) {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-state-"));
  dirs.push(dir);
  const path = join(dir, "agent", "state.json");
  return { path, dir, store: createAgentStateStore({ path, snapshot }) };
}

describe("agent state file", () => {
  it("is empty before the first save", async () => {
    const { store } = storeIn(() => ({ version: 1, apps: {} }));
    expect(await store.load()).toEqual({ version: 1, apps: {} });
  });

  it("writes the latest snapshot once more when saves overlap, leaving no temp file", async () => {
    let generation = 0;
    const { store, path } = storeIn(() => ({ version: 1, apps: {}, generation }) as AgentStateFile);
    const saves: Promise<void>[] = [];
    for (generation = 1; generation <= 5; generation++) saves.push(store.save());
    generation = 5;
    await Promise.all(saves);
    expect(JSON.parse(readFileSync(path, "utf8")).generation).toBe(5);
    expect(readdirSync(join(path, ".."))).toEqual(["state.json"]);
  });

  it("names the file and the way out when it is corrupt", async () => {
    const { store, path } = storeIn(() => ({ version: 1, apps: {} }));
    await store.save();
    writeFileSync(path, "{ half a file");
    await expect(store.load()).rejects.toThrow(`${path} is not valid JSON`);
    writeFileSync(path, JSON.stringify({ version: 9, apps: {} }));
    await expect(store.load()).rejects.toThrow(
      /does not hold an agent state this version understands/,
    );
  });
});
