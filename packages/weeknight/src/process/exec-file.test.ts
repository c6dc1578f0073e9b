import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecError, execFileText } from "./exec-file.js";

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "weeknight-exec-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function execError(promise: Promise<unknown>): Promise<ExecError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExecError);
  return error as ExecError;
}

describe("execFileText", () => {
  it("returns stdout and stderr of an argv command, without a shell", async () => {
    const out = await execFileText("printf", ["%s|", "a b", "$HOME"], { cwd });
    expect(out).toEqual({ stdout: "a b|$HOME|", stderr: "" });
  });

  it("feeds input on stdin", async () => {
    const out = await execFileText("tr", ["a-z", "A-Z"], { input: "shout\n" });
    expect(out.stdout).toBe("SHOUT\n");
  });

  it("runs in the given directory with the given environment", async () => {
    const out = await execFileText("sh", ["-c", 'pwd; echo "$ONLY_THIS"'], {
      cwd,
      env: { ONLY_THIS: "yes", PATH: process.env.PATH },
    });
    expect(out.stdout.split("\n").slice(0, 2)).toEqual([cwd, "yes"]);
  });

  it("rejects with the exit code and the first line of stderr", async () => {
    const error = await execError(
      execFileText("sh", ["-c", "echo 'fatal: not a git repository' >&2; echo more >&2; exit 128"]),
    );
    expect(error.exitCode).toBe(128);
    expect(error.stderr).toBe("fatal: not a git repository\nmore\n");
    expect(error.message).toBe(
      "sh -c \"echo 'fatal: not a git repository' >&2; echo more >&2; exit 128\" failed (exit code 128): fatal: not a git repository",
    );
  });

  it("rejects when the program does not exist", async () => {
    const error = await execError(execFileText("weeknight-no-such-tool", ["status"]));
    expect(error.exitCode).toBeNull();
    expect(error.message).toMatch(
      /^weeknight-no-such-tool status failed \(could not start: .*ENOENT/,
    );
  });

  it("names a missing working directory", async () => {
    const missing = join(cwd, "gone");
    const error = await execError(execFileText("true", [], { cwd: missing }));
    expect(error.message).toContain(`working directory does not exist: ${missing}`);
  });

  it("kills a program that runs past its timeout", async () => {
    const started = Date.now();
    const error = await execError(execFileText("sleep", ["30"], { timeoutMs: 150 }));
    expect(error.message).toBe("sleep 30 failed (timed out after 150 ms)");
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
