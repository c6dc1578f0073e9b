import type { Command } from "commander";
import type { ApiToken } from "./api-types.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

export function tokenCommands(program: Command, io: CliIo): void {
  const token = program
    .command("token")
    .description("Your API tokens, for scripts and CI (WEEKNIGHT_TOKEN)");

  token
    .command("create <name>")
    .description("Create an API token; prints it once")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  export WEEKNIGHT_TOKEN=$(weeknight token create ci --json | jq -r .token)",
    )
    .action(async (name: string, options: { json?: boolean }) => {
      const out = createOutput(io);
      const created = await (await connect(io)).post<{ token: string; apiToken: ApiToken }>(
        "/tokens",
        { name },
      );
      if (options.json) return out.json(created);
      out.note(`Created token ${created.apiToken.name} (id ${created.apiToken.id}); shown once:`);
      // The token alone on stdout, so `$(weeknight token create ci)` captures just it.
      out.line(created.token);
    });

  token
    .command("list")
    .description("List your API tokens (their values are never shown again)")
    .option("--json", "print the tokens as JSON")
    .action(async (options: { json?: boolean }) => {
      const out = createOutput(io);
      const tokens = await (await connect(io)).get<ApiToken[]>("/tokens");
      if (options.json) return out.json(tokens);
      out.table(
        ["id", "name", "prefix", "created", "last used"],
        tokens.map((t) => [
          String(t.id),
          t.name,
          t.prefix,
          out.ago(t.createdAt),
          t.lastUsedAt ? out.ago(t.lastUsedAt) : "never",
        ]),
        "no tokens",
      );
    });

  token
    .command("revoke")
    .argument("<id>", "token id (see `weeknight token list`)", positiveInteger)
    .description("Revoke one of your API tokens (see `weeknight token list` for ids)")
    .option("--json", "print the result as JSON")
    .action(async (tokenId: number, options: { json?: boolean }) => {
      const out = createOutput(io);
      await (await connect(io)).delete(`/tokens/${tokenId}`);
      if (options.json) out.json({ revoked: tokenId });
      else out.line(`Revoked token ${tokenId}`);
    });
}
