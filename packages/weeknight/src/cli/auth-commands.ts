import { hostname } from "node:os";
import type { Command } from "commander";
import type { ApiClient } from "./api-client.js";
import { createApiClient } from "./api-client.js";
import type { ApiToken, User } from "./api-types.js";
import {
  connect,
  credentialsPath,
  normalizeServerUrl,
  readCredentials,
  removeCredentials,
  writeCredentials,
} from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { promptLine, readSecret } from "./cli-prompt.js";
import { createOutput } from "./output.js";

interface LoginOptions {
  url?: string;
  username?: string;
  password?: string;
  tokenName: string;
  json?: boolean;
}

export function authCommands(program: Command, io: CliIo): void {
  program
    .command("login")
    .description("Sign in to a Weeknight server and save an API token for the other commands")
    .option("--url <url>", "server URL (default: WEEKNIGHT_URL, else the last login's server)")
    .option("--username <name>", "your username (asked at a terminal when not given)")
    .option(
      "--password <password>",
      "your password; better typed at the prompt or piped to stdin, which keep it out of shell history",
    )
    .option("--token-name <name>", "name of the API token it creates", defaultTokenName())
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  weeknight login --url http://127.0.0.1:7070 --username admin\n  echo "$PASSWORD" | weeknight login --url https://ci.example.com --username alice',
    )
    .action((options: LoginOptions) => login(io, options));

  program
    .command("logout")
    .description("Revoke the saved API token on its server and forget it")
    .option("--json", "print the result as JSON")
    .action((options: { json?: boolean }) => logout(io, options));

  program
    .command("whoami")
    .description("Show the server and the user the CLI acts as")
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const me = await client.get<Pick<User, "username" | "role">>("/users/me");
      if (options.json) out.json({ url: client.url, ...me });
      else out.line(`${me.username} (${me.role}) on ${client.url}`);
    });
}

function defaultTokenName(): string {
  return `cli@${hostname()}`.slice(0, 100);
}

async function login(io: CliIo, options: LoginOptions): Promise<void> {
  const out = createOutput(io);
  const path = credentialsPath(io.env, io.homedir());
  const rawUrl = options.url ?? io.env.WEEKNIGHT_URL ?? (await readCredentials(path))?.url;
  if (!rawUrl) throw new Error("which server? pass --url, e.g. --url http://127.0.0.1:7070");
  const url = normalizeServerUrl(rawUrl);
  const username = options.username ?? (await askUsername(io));
  const password = options.password ?? (await readSecret(io, `Password for ${username}: `));
  if (!password) {
    throw new Error(
      "no password given: type it at the prompt, pipe it (`echo … | weeknight login …`) or pass --password",
    );
  }
  const client = createApiClient({ url, fetch: io.fetch });
  const { token, user } = await client.post<{ token: string; user: User }>("/auth/login", {
    username,
    password,
    tokenName: options.tokenName,
  });
  await writeCredentials(path, { url, token });
  if (io.env.WEEKNIGHT_TOKEN) {
    out.note("note: WEEKNIGHT_TOKEN is set, so commands use it rather than this login");
  }
  if (options.json) out.json({ url, user, credentialsFile: path });
  else out.line(`Signed in to ${url} as ${user.username} (${user.role}); token saved in ${path}`);
}

async function askUsername(io: CliIo): Promise<string> {
  if (!io.stdin.isTTY) throw new Error("pass --username <name> (stdin is not a terminal to ask)");
  const username = await promptLine(io, "Username: ");
  if (!username) throw new Error("no username given");
  return username;
}

async function logout(io: CliIo, options: { json?: boolean }): Promise<void> {
  const out = createOutput(io);
  const path = credentialsPath(io.env, io.homedir());
  const stored = await readCredentials(path);
  if (!stored) {
    if (options.json) out.json({ signedOut: false, revoked: false });
    else out.line(`not signed in (no ${path})`);
    return;
  }
  const client = createApiClient({ url: stored.url, token: stored.token, fetch: io.fetch });
  let revoked = false;
  try {
    revoked = await revokeOwnToken(client, stored.token);
  } catch (error) {
    // Signing out must work with the server gone; say what is left to do.
    out.note(`could not revoke the token on ${stored.url}: ${(error as Error).message}`);
  }
  await removeCredentials(path);
  if (options.json) out.json({ signedOut: true, url: stored.url, revoked });
  else out.line(`Signed out of ${stored.url}${revoked ? "; its token is revoked" : ""}`);
}

/** Tokens are listed by prefix only, so revoke ours only when exactly one matches. */
async function revokeOwnToken(client: ApiClient, token: string): Promise<boolean> {
  const tokens = await client.get<ApiToken[]>("/tokens");
  const matches = tokens.filter((t) => token.startsWith(t.prefix));
  const [only] = matches;
  if (matches.length !== 1 || !only) return false;
  await client.delete(`/tokens/${only.id}`);
  return true;
}
