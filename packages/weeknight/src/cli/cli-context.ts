import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { type ApiClient, createApiClient } from "./api-client.js";
import type { CliIo } from "./cli-io.js";

const credentialsSchema = z.object({ url: z.string().min(1), token: z.string().min(1) });

/** What `weeknight login` stores: one server and one token, the last login wins. */
export type Credentials = z.infer<typeof credentialsSchema>;

export interface CliContext extends Credentials {
  /** Where the credentials came from, named in error messages. */
  source: "env" | string;
}

export const NOT_SIGNED_IN =
  "not signed in: run `weeknight login --url <server>` or set WEEKNIGHT_URL and WEEKNIGHT_TOKEN";

type Env = CliIo["env"];

/** `$WEEKNIGHT_CONFIG_DIR`, else `$XDG_CONFIG_HOME/weeknight`, else `~/.config/weeknight`. */
export function configDir(env: Env, home: string): string {
  if (env.WEEKNIGHT_CONFIG_DIR) return env.WEEKNIGHT_CONFIG_DIR;
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, ".config");
  return join(base, "weeknight");
}

export function credentialsPath(env: Env, home: string): string {
  return join(configDir(env, home), "credentials.json");
}

/** A server URL without trailing slashes; refuses anything that is not http(s). */
export function normalizeServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${JSON.stringify(text)} is not a URL: pass one like http://127.0.0.1:7070`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`server URL ${text} must start with http:// or https://`);
  }
  return text.replace(/\/+$/, "");
}

export async function readCredentials(path: string): Promise<Credentials | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid credentials file (expected {"url": …, "token": …}): delete it and run \`weeknight login\` again`,
    );
  }
  return parsed.data;
}

/** Writes atomically with mode 0600, so a token is never briefly world-readable. */
export async function writeCredentials(path: string, credentials: Credentials): Promise<void> {
  const dir = join(path, "..");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

export async function removeCredentials(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * The server and token to use: WEEKNIGHT_URL + WEEKNIGHT_TOKEN when set, else the
 * credentials file. A stored token is only sent to the server it was issued by.
 */
export async function resolveContext(io: Pick<CliIo, "env" | "homedir">): Promise<CliContext> {
  const envUrl = io.env.WEEKNIGHT_URL || undefined;
  const envToken = io.env.WEEKNIGHT_TOKEN || undefined;
  if (envToken && !envUrl) {
    throw new Error("WEEKNIGHT_TOKEN is set but WEEKNIGHT_URL is not: set both, or neither");
  }
  if (envUrl && envToken) {
    return { url: normalizeServerUrl(envUrl), token: envToken, source: "env" };
  }
  const path = credentialsPath(io.env, io.homedir());
  const stored = await readCredentials(path);
  if (!stored) throw new Error(NOT_SIGNED_IN);
  if (envUrl && normalizeServerUrl(envUrl) !== normalizeServerUrl(stored.url)) {
    throw new Error(
      `not signed in to ${envUrl} (${path} holds a token for ${stored.url}): run \`weeknight login --url ${envUrl}\` or set WEEKNIGHT_TOKEN`,
    );
  }
  return { url: normalizeServerUrl(stored.url), token: stored.token, source: path };
}

/** An API client for the signed-in server; the usual first step of a command. */
export async function connect(io: CliIo): Promise<ApiClient> {
  const context = await resolveContext(io);
  return createApiClient({ url: context.url, token: context.token, fetch: io.fetch });
}
