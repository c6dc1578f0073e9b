import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tar from "tar";
import { afterEach, describe, expect, it } from "vitest";
import { createArtifactStore } from "./artifact-store.js";

describe("artifact store", () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), "weeknight-artifacts-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function workspace() {
    const dir = temp();
    mkdirSync(join(dir, "dist"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "dist", "app.js"), "console.log(1)");
    writeFileSync(join(dir, ".git", "HEAD"), "ref");
    writeFileSync(join(dir, "package.json"), "{}");
    return dir;
  }

  it("packs the configured paths into a tar.gz named by its sha256, without excluded ones", async () => {
    const store = createArtifactStore({ dir: temp() });
    const ws = workspace();
    const artifact = await store.pack({ workspace: ws, paths: ["."], exclude: [".git"] });
    const bytes = readFileSync(store.pathOf(artifact.sha256));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(artifact.sha256);
    expect(artifact.size).toBe(bytes.length);
    const entries: string[] = [];
    await tar.t({ file: store.pathOf(artifact.sha256), onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toContain("./dist/app.js");
    expect(entries.some((e) => e.includes(".git"))).toBe(false);
  });

  it("gives the same sha256 for the same files whatever their timestamps", async () => {
    const store = createArtifactStore({ dir: temp() });
    const a = workspace();
    const b = workspace();
    utimesSync(join(b, "dist", "app.js"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const first = await store.pack({ workspace: a, paths: ["dist"], exclude: [] });
    const second = await store.pack({ workspace: b, paths: ["dist"], exclude: [] });
    expect(second.sha256).toBe(first.sha256);
  });

  it("names missing paths and refuses things that are not a sha256", async () => {
    const store = createArtifactStore({ dir: temp() });
    await expect(
      store.pack({ workspace: workspace(), paths: ["dist", "build"], exclude: [] }),
    ).rejects.toThrow("artifact path not found after the build: build");
    expect(() => store.open("../../etc/passwd")).toThrow(/not a sha256/);
    expect(() => store.open("a".repeat(64))).toThrow(/missing/);
  });
});
