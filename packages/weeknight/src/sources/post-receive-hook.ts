import { existsSync, statSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InvalidInputError } from "../errors/domain-errors.js";

export interface PostReceiveHookInput {
  serverUrl: string;
  projectName: string;
  secret: string;
  /** The node binary the hook runs; the one running weeknight, as a hook's PATH may lack node. */
  nodePath?: string;
  /** How long the hook waits for the server; tests shorten it. */
  timeoutMs?: number;
}

/** Marks a hook as ours, so reinstalling (e.g. after a secret rotation) replaces it. */
const MARKER = "# weeknight post-receive hook";
const DEFAULT_TIMEOUT_MS = 5000;

/** Where a repository's hook POSTs: the generic webhook of the project. */
export function hookWebhookUrl(serverUrl: string, projectName: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new InvalidInputError(
      `Server URL ${JSON.stringify(serverUrl)} is not a URL; pass one like http://weeknight.internal:8080`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInputError(`Server URL ${serverUrl} must start with http:// or https://`);
  }
  if (projectName.trim() === "") throw new InvalidInputError("Project name must not be empty");
  const base = serverUrl.replace(/\/+$/, "");
  return `${base}/api/v1/webhooks/${encodeURIComponent(projectName)}/generic`;
}

// Runs inside `node -e`: reads git's "oldrev newrev refname" lines, POSTs one signed
// generic webhook per ref, all within one deadline. It reports, but never fails.
const notifyScript = (timeoutMs: number): string =>
  `
const { createHmac } = require("node:crypto");
const url = process.env.WEEKNIGHT_URL;
const secret = process.env.WEEKNIGHT_SECRET;
const deadline = AbortSignal.timeout(${timeoutMs});
setTimeout(() => process.exit(0), ${timeoutMs + 1000}).unref();
const reason = (e) => (e && e.name === "TimeoutError" ? "timed out after ${timeoutMs / 1000} s" : String((e && e.cause && (e.cause.code || e.cause.message)) || (e && e.message) || e));
const notify = async (ref, after) => {
  const body = JSON.stringify({ ref, after });
  const signature = "sha256=" + createHmac("sha256", secret).update(body).digest("hex");
  try {
    const res = await fetch(url, { method: "POST", body, signal: deadline, headers: { "content-type": "application/json", "x-weeknight-signature-256": signature } });
    if (!res.ok) throw new Error("HTTP " + res.status + " " + res.statusText);
  } catch (e) {
    process.stderr.write("weeknight: could not notify " + url + ": " + reason(e) + "\\n");
  }
};
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const refs = input.split("\\n").map((line) => line.trim().split(/\\s+/)).filter((parts) => parts.length === 3);
  Promise.all(refs.map(([, after, ref]) => notify(ref, after))).finally(() => process.exit(0));
});
`.trim();

/** A POSIX sh post-receive hook that tells Weeknight about every pushed ref. */
export function renderPostReceiveHook(input: PostReceiveHookInput): string {
  const url = hookWebhookUrl(input.serverUrl, input.projectName);
  const nodePath = input.nodePath ?? "node";
  return `#!/bin/sh
${MARKER} (installed by \`weeknight hook install\`).
# Tells Weeknight about each pushed ref. It never blocks or fails a push: on an
# error it prints one line and exits 0. The secret travels in the environment,
# never on a command line, so \`ps\` does not show it.
WEEKNIGHT_URL=${shellQuote(url)}
WEEKNIGHT_SECRET=${shellQuote(input.secret)}
export WEEKNIGHT_URL WEEKNIGHT_SECRET
node=${shellQuote(nodePath)}
[ -x "$node" ] || node=node
if ! command -v "$node" >/dev/null 2>&1; then
  echo "weeknight: could not notify $WEEKNIGHT_URL: node not found" >&2
  exit 0
fi
"$node" -e ${shellQuote(notifyScript(input.timeoutMs ?? DEFAULT_TIMEOUT_MS))} || echo "weeknight: could not notify $WEEKNIGHT_URL: node failed" >&2
exit 0
`;
}

export interface InstallPostReceiveHookInput extends PostReceiveHookInput {
  /** A bare repository (or a non-bare one's top directory) that people push to. */
  repoPath: string;
}

/**
 * Writes the hook into a repository's hooks/ directory. An existing hook that is not
 * ours is left alone: ours goes to post-receive.weeknight and the user chains it.
 */
export async function installPostReceiveHook(
  input: InstallPostReceiveHookInput,
): Promise<{ hookPath: string }> {
  const gitDir = findGitDir(input.repoPath);
  const script = renderPostReceiveHook({ ...input, nodePath: input.nodePath ?? process.execPath });
  const hooksDir = join(gitDir, "hooks");
  await mkdir(hooksDir, { recursive: true });
  const hookPath = join(hooksDir, "post-receive");

  const existing = existsSync(hookPath) ? await readFile(hookPath, "utf8") : null;
  if (existing === null || existing.includes(MARKER)) {
    await writeExecutable(hookPath, script);
    return { hookPath };
  }
  const sidePath = join(hooksDir, "post-receive.weeknight");
  await writeExecutable(sidePath, script);
  throw new InvalidInputError(
    `${hookPath} already exists and is not Weeknight's, so it was left unchanged. ` +
      `Weeknight's hook was written to ${sidePath}; call it from your hook with the same ` +
      `input, e.g. inside your "while read oldrev newrev refname" loop add: ` +
      `echo "$oldrev $newrev $refname" | ${shellQuote(sidePath)}`,
    { hookPath: sidePath },
  );
}

/** The directory holding HEAD and hooks/: the repo itself when bare, else its .git. */
function findGitDir(repoPath: string): string {
  const path = resolve(repoPath);
  for (const candidate of [path, join(path, ".git")]) {
    if (isFile(join(candidate, "HEAD")) && isDirectory(join(candidate, "objects")))
      return candidate;
  }
  throw new InvalidInputError(
    `${path} is not a git repository (no HEAD and objects/ there); ` +
      "pass the path of the repository people push to, e.g. --repo /srv/git/app.git",
  );
}

async function writeExecutable(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o755 });
  // writeFile's mode applies only to new files (and is masked by umask).
  await chmod(path, 0o755);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Quotes a value for POSIX sh: inside single quotes only ' itself needs care. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
