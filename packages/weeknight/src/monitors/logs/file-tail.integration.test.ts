import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileTail, type FileTail } from "./file-tail.js";

describe("createFileTail on a real file", () => {
  let dir: string;
  let path: string;
  let tail: FileTail | undefined;
  const clock = { now: () => 1_700_000_000_000 };
  const texts = async () => (await tail?.poll())?.map((l) => l.text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "weeknight-tail-"));
    path = join(dir, "app.log");
  });
  afterEach(async () => {
    await tail?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("follows appends from the end, joining lines split across writes", async () => {
    writeFileSync(path, "history\n");
    tail = createFileTail({ path, clock });
    expect(await texts()).toEqual([]);
    appendFileSync(path, "first\nsec");
    expect(await texts()).toEqual(["first"]);
    appendFileSync(path, "ond\r\nthird\n");
    expect(await texts()).toEqual(["second", "third"]);
    expect(await tail.poll()).toEqual([]);
    appendFileSync(path, "é😀 multibyte\n");
    expect(await tail.poll()).toEqual([{ at: clock.now(), text: "é😀 multibyte" }]);
  });

  it("reads from the start when asked, a bounded number of bytes per poll", async () => {
    writeFileSync(
      path,
      Array.from({ length: 100 }, (_, i) => `line ${i}`)
        .join("\n")
        .concat("\n"),
    );
    tail = createFileTail({ path, clock, from: "start", maxBytesPerPoll: 100 });
    const seen: string[] = [];
    for (let i = 0; i < 50; i++) seen.push(...((await texts()) ?? []));
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i}`));
  });

  it("finishes a rotated file, then reads the new one from its start", async () => {
    // (A rotation that leaves more than one poll's budget in the old file is finished first.)
    writeFileSync(path, "");
    tail = createFileTail({ path, clock });
    expect(await texts()).toEqual([]); // the first poll marks the end: what follows is new
    appendFileSync(path, "before rotation\n");
    expect(await texts()).toEqual(["before rotation"]);
    appendFileSync(path, "last of old\n");
    renameSync(path, `${path}.1`);
    writeFileSync(path, "first of new\n");
    expect(await texts()).toEqual(["last of old", "first of new"]);
    appendFileSync(path, "more\n");
    expect(await texts()).toEqual(["more"]);
  });

  it("starts over when the file is truncated in place (copytruncate)", async () => {
    writeFileSync(path, "");
    tail = createFileTail({ path, clock });
    expect(await texts()).toEqual([]);
    appendFileSync(path, "a long line before truncation\n");
    expect(await texts()).toEqual(["a long line before truncation"]);
    truncateSync(path, 0);
    appendFileSync(path, "after\n");
    expect(await texts()).toEqual(["after"]);
  });

  it("waits for a missing file and reads it whole once it appears", async () => {
    tail = createFileTail({ path, clock });
    expect(await texts()).toEqual([]);
    writeFileSync(path, "born\n");
    expect(await texts()).toEqual(["born"]);
  });

  it("cuts runaway lines", async () => {
    writeFileSync(path, "");
    tail = createFileTail({ path, clock, maxLineBytes: 10 });
    expect(await texts()).toEqual([]);
    appendFileSync(path, `${"x".repeat(30)}\nshort\n`);
    expect(await texts()).toEqual(["x".repeat(10), "short"]);
  });
});
