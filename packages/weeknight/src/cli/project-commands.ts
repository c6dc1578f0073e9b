import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { WEBHOOK_PROVIDERS } from "../sources/webhook-verify.js";
import type { Project } from "./api-types.js";
import { shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { confirm } from "./cli-prompt.js";
import { createOutput, formatDuration, type Output } from "./output.js";

interface AddOptions {
  repo: string;
  branch: string;
  poll: string;
  json?: boolean;
}

const p = encodeURIComponent;

export function projectCommands(program: Command, io: CliIo): void {
  const project = program
    .command("project")
    .description("Add, list, show and remove projects (repositories Weeknight builds)");

  project
    .command("add <name>")
    .description("Add a project; prints its webhook secret and webhook URLs")
    .requiredOption("--repo <path-or-url>", "git repository to build: a local path or a clone URL")
    .option("--branch <branch>", "branch to build", "main")
    .option("--poll <interval>", 'how often to poll for new commits, e.g. "60s"; "0" = off', "60s")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight project add shop --repo /srv/git/shop.git --branch main --poll 5m",
    )
    .action(async (name: string, options: AddOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const created = await client.post<{ project: Project; webhookSecret: string; head: string }>(
        "/projects",
        {
          name,
          repoUrl: repoLocation(io, options.repo),
          branch: options.branch,
          poll: options.poll,
        },
      );
      const webhooks = webhookUrls(client.url, name);
      if (options.json) return out.json({ ...created, webhooks });
      const { project: added, head } = created;
      out.line(
        `Added project ${added.name}: ${added.repoUrl} (${added.branch}, ${pollText(added)}, head ${shortSha(head)})`,
      );
      out.line();
      out.line(
        `Webhook secret (shown once; \`weeknight project webhook-secret ${name}\` shows it again):`,
      );
      out.line(`  ${created.webhookSecret}`);
      out.line();
      out.line("Webhook URLs (pick your git host's):");
      out.table(["provider", "url"], Object.entries(webhooks), "");
      out.line();
      out.line(`Next: weeknight build trigger ${name} --wait`);
    });

  project
    .command("list")
    .description("List projects")
    .option("--json", "print the projects as JSON")
    .action(async (options: { json?: boolean }) => {
      const out = createOutput(io);
      const projects = await (await connect(io)).get<Project[]>("/projects");
      if (options.json) return out.json(projects);
      out.table(
        ["name", "branch", "poll", "last seen", "repository"],
        projects.map((x) => [x.name, x.branch, pollText(x), shortSha(x.lastSeenSha), x.repoUrl]),
        "no projects yet: add one with `weeknight project add <name> --repo <path-or-url>`",
      );
    });

  project
    .command("show <name>")
    .description("Show one project")
    .option("--json", "print the project as JSON")
    .action(async (name: string, options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const shown = await client.get<Project>(`/projects/${p(name)}`);
      if (options.json) return out.json({ ...shown, webhooks: webhookUrls(client.url, name) });
      showProject(out, shown, client.url);
    });

  project
    .command("remove <name>")
    .description("Remove a project with its builds, logs and secrets")
    .option("--yes", "do not ask for confirmation (required when stdin is not a terminal)")
    .option("--json", "print the result as JSON")
    .action(async (name: string, options: { yes?: boolean; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      if (!options.yes) {
        if (!io.stdin.isTTY) {
          throw new Error(`removing ${name} cannot be undone: pass --yes to confirm`);
        }
        if (!(await confirm(io, `Remove project ${name} and all its builds?`))) {
          throw new Error("nothing removed");
        }
      }
      await client.delete(`/projects/${p(name)}`);
      if (options.json) out.json({ removed: name });
      else out.line(`Removed project ${name}`);
    });

  project
    .command("webhook-secret <name>")
    .description("Print a project's webhook secret (for your git host's webhook settings)")
    .option("--json", "print the result as JSON")
    .action(async (name: string, options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const { webhookSecret } = await client.get<{ webhookSecret: string }>(
        `/projects/${p(name)}/webhook-secret`,
      );
      if (options.json) out.json({ webhookSecret, webhooks: webhookUrls(client.url, name) });
      else out.line(webhookSecret);
    });
}

/** A local path is made absolute: the server resolves paths from its own directory. */
function repoLocation(io: CliIo, repo: string): string {
  const looksRemote = /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/]+@[^/:]+:/.test(repo);
  const local = resolve(io.cwd(), repo);
  return !looksRemote && existsSync(local) ? local : repo;
}

export function webhookUrls(serverUrl: string, project: string): Record<string, string> {
  return Object.fromEntries(
    WEBHOOK_PROVIDERS.map((provider) => [
      provider,
      `${serverUrl}/api/v1/webhooks/${p(project)}/${provider}`,
    ]),
  );
}

function pollText(project: Project): string {
  const ms = project.pollIntervalMs;
  if (ms <= 0) return "no polling";
  // Intervals are written like "5m" in the first place, so show them that way back.
  const every =
    ms % 3_600_000 === 0
      ? `${ms / 3_600_000}h`
      : ms % 60_000 === 0
        ? `${ms / 60_000}m`
        : ms % 1000 === 0
          ? `${ms / 1000}s`
          : formatDuration(ms);
  return `polls every ${every}`;
}

function showProject(out: Output, project: Project, serverUrl: string): void {
  const rows: [string, string][] = [
    ["name", project.name],
    ["repository", project.repoUrl],
    ["branch", project.branch],
    ["polling", pollText(project)],
    ["last polled", out.ago(project.lastPolledAt)],
    ["last seen", shortSha(project.lastSeenSha)],
    ["created", out.ago(project.createdAt)],
  ];
  for (const [key, value] of rows) out.line(`${out.colors.dim(key.padEnd(13))}${value}`);
  out.line(out.colors.dim("webhooks"));
  for (const [provider, url] of Object.entries(webhookUrls(serverUrl, project.name))) {
    out.line(`  ${provider.padEnd(9)}${url}`);
  }
}
