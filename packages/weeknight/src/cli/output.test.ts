import { describe, expect, it } from "vitest";
import type { OutStream } from "./cli-io.js";
import {
  colorsFor,
  createOutput,
  formatBytes,
  formatDuration,
  formatTable,
  relativeTime,
  visibleLength,
} from "./output.js";

function stream(isTTY: boolean): OutStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join("") };
}

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe("relativeTime", () => {
  it.each([
    [NOW - 2_000, "just now"],
    [NOW - 42_000, "42s ago"],
    [NOW - 3 * 60_000 - 5_000, "3m ago"],
    [NOW - 5 * 3_600_000, "5h ago"],
    [NOW - 2 * 86_400_000, "2d ago"],
    [NOW - 90 * 86_400_000, "2025-10-17"],
    [NOW + 120_000, "in 2m 00s"],
    [null, "-"],
  ])("%s → %s", (at, expected) => {
    expect(relativeTime(at, NOW)).toBe(expected);
  });
});

describe("formatDuration and formatBytes", () => {
  it("keeps short things short and long things readable", () => {
    expect(formatDuration(339)).toBe("339 ms");
    expect(formatDuration(4_240)).toBe("4.2s");
    expect(formatDuration(187_000)).toBe("3m 07s");
    expect(formatDuration(7_500_000)).toBe("2h 05m");
    expect(formatBytes(900)).toBe("900 B");
    expect(formatBytes(1479)).toBe("1.4 KiB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MiB");
  });
});

describe("colours", () => {
  it("colours a terminal, but not a pipe and not when NO_COLOR is set", () => {
    expect(colorsFor(stream(true), {}).status("failed")).toBe("\u001b[31mfailed\u001b[0m");
    expect(colorsFor(stream(false), {}).status("failed")).toBe("failed");
    expect(colorsFor(stream(true), { NO_COLOR: "1" }).status("failed")).toBe("failed");
  });
});

describe("formatTable", () => {
  it("aligns columns by visible width, ignoring colour codes, with no trailing spaces", () => {
    const colors = colorsFor(stream(true), {});
    const lines = formatTable(
      ["id", "status", "project"],
      [
        ["#1", colors.status("passed"), "shop"],
        ["#12", colors.status("failed"), "a-much-longer-name"],
      ],
      colorsFor(stream(false), {}),
    );
    expect(lines.map(visibleLength)).toEqual([20, 17, 31]);
    expect(lines[0]).toBe("ID   STATUS  PROJECT");
    expect(lines.every((line) => !line.endsWith(" "))).toBe(true);
    const row = lines[1] ?? "";
    expect(visibleLength(row.slice(0, row.indexOf("shop")))).toBe(lines[0]?.indexOf("PROJECT"));
  });
});

describe("createOutput", () => {
  it("prints --json as one parseable document and notes on stderr only", () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const out = createOutput({ stdout, stderr, env: {}, now: () => NOW });
    out.note("downloading…");
    out.json({ builds: [{ id: 1 }] });
    expect(JSON.parse(stdout.text())).toEqual({ builds: [{ id: 1 }] });
    expect(stderr.text()).toBe("downloading…\n");
  });

  it("draws no spinner when stderr is not a terminal, but keeps persisted lines", () => {
    const stderr = stream(false);
    const out = createOutput({ stdout: stream(false), stderr, env: {}, now: () => NOW });
    const progress = out.progress("working");
    progress.update("still working");
    progress.persist("✓ unit passed");
    progress.stop();
    expect(stderr.text()).toBe("✓ unit passed\n");
  });

  it("prints the empty message instead of a header-only table", () => {
    const stdout = stream(false);
    const out = createOutput({ stdout, stderr: stream(false), env: {}, now: () => NOW });
    out.table(["name"], [], "no projects yet");
    expect(stdout.text()).toBe("no projects yet\n");
  });
});
