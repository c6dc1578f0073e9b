import type { Command } from "commander";
import { hookWebhookUrl, installPostReceiveHook } from "../sources/post-receive-hook.js";
import { connect, normalizeServerUrl } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

interface InstallOptions {
  repo: string;
  project: string;
  url?: string;
  json?: boolean;
}

export function hookCommands(program: Command, io: CliIo): void {
  const hook = program
    .command("hook")
    .description("Git hooks that tell Weeknight about pushes to repositories you host");

  hook
    .command("install")
    .description("Install a post-receive hook in a repository so every push starts a build")
    .requiredOption(
      "--repo <bare-repo-path>",
      "the repository people push to, e.g. /srv/git/shop.git",
    )
    .requiredOption("--project <name>", "the Weeknight project it belongs to")
    .option(
      "--url <server-url>",
      "the server URL as the git host reaches it (default: the server you are signed in to)",
    )
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight hook install --repo /srv/git/shop.git --project shop --url http://weeknight.internal:7070",
    )
    .action(async (options: InstallOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const serverUrl = normalizeServerUrl(options.url ?? client.url);
      const { webhookSecret } = await client.get<{ webhookSecret: string }>(
        `/projects/${encodeURIComponent(options.project)}/webhook-secret`,
      );
      const { hookPath } = await installPostReceiveHook({
        repoPath: options.repo,
        serverUrl,
        projectName: options.project,
        secret: webhookSecret,
      });
      const webhook = hookWebhookUrl(serverUrl, options.project);
      if (options.json) return out.json({ hookPath, webhook });
      out.line(`Installed ${hookPath}: each push now notifies ${webhook}`);
    });
}
