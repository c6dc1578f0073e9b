import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock.js";
import { createProcessRunner, type RunSpec } from "./process-runner.js";

type Line = [string, "stdout" | "stderr"];

const runner = createProcessRunner({ clock: systemClock });
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "weeknight-runner-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

async function run(command: string, extra: Partial<RunSpec> = {}) {
  const lines: Line[] = [];
  const result = await runner.run({
    command,
    cwd,
    env: baseEnv(),
    onLine: (line, stream) => lines.push([line, stream]),
    ...extra,
  });
  const of = (stream: Line[1]) => lines.filter(([, s]) => s === stream).map(([l]) => l);
  return { ...result, lines, stdout: of("stdout"), stderr: of("stderr") };
}

/** Running and not a zombie (this container's PID 1 never reaps orphans). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("process runner: exit outcomes", () => {
  it("reports success and delivers output", async () => {
    const result = await run("echo hello");
    expect(result.outcome.kind).toBe("succeeded");
    expect(result.lines).toEqual([["hello", "stdout"]]);
    expect(result.invalidUtf8).toBe(false);
  });

  it("reports the exit code of a failing command", async () => {
    const { outcome } = await run("echo about to fail >&2; exit 2");
    expect(outcome).toMatchObject({ kind: "failed", exitCode: 2, message: "exited with code 2" });
  });

  it("names a missing command", async () => {
    const { outcome } = await run("weeknight-no-such-tool --version");
    expect(outcome).toMatchObject({
      kind: "failed",
      exitCode: 127,
      message: "command not found: weeknight-no-such-tool (exit code 127)",
    });
  });

  it("reports a process killed by a signal", async () => {
    const { outcome } = await run("kill -SEGV $$");
    expect(outcome).toMatchObject({ kind: "failed", signal: "SIGSEGV" });
    expect(outcome.kind === "failed" && outcome.message).toBe("killed by signal SIGSEGV");
  });

  it("does not start in a working directory that does not exist", async () => {
    const missing = join(cwd, "no-such-dir");
    const { outcome } = await run("echo never", { cwd: missing });
    expect(outcome.kind).toBe("not-started");
    expect(outcome.kind === "not-started" && outcome.message).toContain(missing);
  });

  it("passes exactly the given environment and gives stdin as /dev/null", async () => {
    const result = await run(`echo "$GREETING"; cat; echo "home=\${HOME-unset}"`, {
      env: { GREETING: "hi there", PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    expect(result.outcome.kind).toBe("succeeded");
    expect(result.stdout).toEqual(["hi there", "home=unset"]);
  });
});

describe("process runner: output", () => {
  it("keeps the order of lines within each stream", async () => {
    const result = await run("echo a; echo x >&2; echo b; echo y >&2; echo c");
    expect(result.stdout).toEqual(["a", "b", "c"]);
    expect(result.stderr).toEqual(["x", "y"]);
  });

  it("delivers a final unterminated line and strips CRLF endings", async () => {
    const result = await run("printf 'one\\r\\n\\ntwo'");
    expect(result.stdout).toEqual(["one", "", "two"]);
  });

  it("replaces invalid UTF-8 with replacement characters and says so", async () => {
    const result = await run("printf 'ok \\xff\\xfe end\\n'");
    expect(result.stdout).toEqual(["ok \uFFFD\uFFFD end"]);
    expect(result.invalidUtf8).toBe(true);
  });

  it("decodes a character split across two writes", async () => {
    const result = await run("printf 'caf\\xc3'; sleep 0.05; printf '\\xa9\\n'");
    expect(result.stdout).toEqual(["café"]);
    expect(result.invalidUtf8).toBe(false);
  });

  it("truncates a very long line and carries on with the next", async () => {
    const result = await run("head -c 204800 /dev/zero | tr '\\0' a; echo; echo after");
    const [long, after] = result.stdout;
    expect(long?.startsWith("a".repeat(65536))).toBe(true);
    expect(long).toBe(`${"a".repeat(65536)} … [line truncated: ${204800 - 65536} bytes]`);
    expect(after).toBe("after");
    expect(result.truncatedLines).toBe(1);
  });

  it("never cuts a truncated line inside a multi-byte character", async () => {
    const result = await run("printf 'ééé\\n'", { maxLineBytes: 5 });
    expect(result.stdout).toEqual(["éé … [line truncated: 2 bytes]"]);
    expect(result.invalidUtf8).toBe(false);
  });
});

describe("process runner: timeouts and cancellation", () => {
  it("kills a command that runs past its timeout, grandchildren included", async () => {
    const result = await run("sleep 30 & echo $!; sleep 30", { timeoutMs: 200 });
    expect(result.outcome).toMatchObject({ kind: "timed-out", timeoutMs: 200 });
    expect(result.outcome.kind === "timed-out" && result.outcome.message).toBe(
      "timed out after 200 ms",
    );
    expect(result.outcome.durationMs).toBeLessThan(3000);
    // SIGKILLed; it is gone once the kernel has run it (moments later on a busy machine).
    await expect.poll(() => isRunning(Number(result.stdout[0])), { timeout: 2_000 }).toBe(false);
  });

  it("SIGKILLs a grandchild that ignores SIGTERM once the grace is over", async () => {
    const result = await run("(trap '' TERM; exec sleep 30) & echo $!; wait", {
      timeoutMs: 150,
      killGraceMs: 300,
    });
    expect(result.outcome.kind).toBe("timed-out");
    expect(result.outcome.kind === "timed-out" && result.outcome.message).toContain("SIGKILL");
    expect(result.outcome.durationMs).toBeGreaterThanOrEqual(400);
    expect(result.outcome.durationMs).toBeLessThan(3000);
    // SIGKILLed; it is gone once the kernel has run it (moments later on a busy machine).
    await expect.poll(() => isRunning(Number(result.stdout[0])), { timeout: 2_000 }).toBe(false);
  });

  it("cancels when the signal is aborted", async () => {
    const controller = new AbortController();
    const result = await run("echo started; sleep 30", {
      signal: controller.signal,
      onLine: (line) => {
        if (line === "started") controller.abort();
      },
    });
    expect(result.outcome).toMatchObject({ kind: "cancelled", message: "cancelled" });
    expect(result.outcome.durationMs).toBeLessThan(3000);
  });

  it("does not run at all when already cancelled", async () => {
    const marker = join(cwd, "should-not-exist");
    const result = await run(`touch ${marker}`, { signal: AbortSignal.abort() });
    expect(result.outcome.kind).toBe("cancelled");
    expect(() => readFileSync(marker)).toThrow();
  });

  it("does not hang when a background child keeps the output open", async () => {
    const result = await run("sleep 30 & echo $!; echo done");
    expect(result.outcome.kind).toBe("succeeded");
    expect(result.stdout[1]).toBe("done");
    expect(result.outcome.durationMs).toBeLessThan(3000);
    // SIGKILLed; it is gone once the kernel has run it (moments later on a busy machine).
    await expect.poll(() => isRunning(Number(result.stdout[0])), { timeout: 2_000 }).toBe(false);
  });

  it("stops the process and rejects when the line callback throws", async () => {
    const started = Date.now();
    const running = runner.run({
      command: "echo boom; sleep 30",
      cwd,
      env: baseEnv(),
      onLine: () => {
        throw new Error("consumer broke");
      },
    });
    await expect(running).rejects.toThrow("consumer broke");
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
