import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { AuditEntry, Flag, FlagEvaluation } from "./api-types.js";
import type { CliIo } from "./cli-io.js";
import { flagAdminCommands } from "./flag-admin-commands.js";
import { parseContext, parseList, parsePercent } from "./flag-args.js";
import {
  type Common,
  describeStage,
  envOption,
  flagPath,
  printFlag,
  projectOption,
  withProject,
} from "./flag-view.js";

const enc = encodeURIComponent;

/** `weeknight flag …`: create flags and move them admin only → customers → % → everyone. */
export function flagCommands(program: Command, io: CliIo): void {
  const flag = program
    .command("flag")
    .description("Feature flags: admin only, then a few customers, then everyone")
    .addHelpText(
      "after",
      [
        "",
        "Example:",
        "  weeknight flag create new-checkout",
        "  weeknight flag admins new-checkout --env production",
        "  weeknight flag customers new-checkout acme,globex --env production",
        "  weeknight flag rollout new-checkout 10% --env production --by customerId",
        "  weeknight flag release new-checkout --env production",
      ].join("\n"),
    );

  flag
    .command("create <key>")
    .description("Create a flag; it is off everywhere until you turn it on")
    .option(
      "-t, --type <type>",
      "release, experiment, operational, kill-switch or permission",
      "release",
    )
    .option("-d, --description <text>", "what it guards")
    .option(...projectOption)
    .option("--json", "print the flag as JSON")
    .action((key: string, options: Common & { type: string; description?: string }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const created = await client.post<Flag>(`/projects/${enc(project)}/flags`, {
          key,
          type: options.type,
          description: options.description,
        });
        if (options.json) return out.json(created);
        out.line(`Created flag ${created.key} (${created.type}) in ${project}: off everywhere.`);
        out.note(`turn it on for your admins: weeknight flag admins ${key} --env <environment>`);
      })(options),
    );

  flag
    .command("list")
    .description("The project's flags and where each stands in every environment")
    .option("--stale", "only flags that have served everyone long enough to delete")
    .option(...projectOption)
    .option("--json", "print the flags as JSON")
    .action((options: Common & { stale?: boolean }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const flags = await client.get<Flag[]>(
          `/projects/${enc(project)}/flags${options.stale ? "?stale=true" : ""}`,
        );
        if (options.json) return out.json(flags);
        const envs = [...new Set(flags.flatMap((f) => f.environments.map((e) => e.environment)))];
        out.table(
          ["flag", "type", ...envs, "stale"],
          flags.map((f) => [
            f.key,
            f.type,
            ...envs.map((name) => {
              const env = f.environments.find((e) => e.environment === name);
              return env ? describeStage(env) : "-";
            }),
            f.stale ? `${f.stale.days} d in ${f.stale.environment}` : "",
          ]),
          options.stale
            ? "no stale flags"
            : `no flags yet: weeknight flag create <key> -p ${project}`,
        );
      })(options),
    );

  flag
    .command("show <key>")
    .description("A flag's rules in every environment")
    .option(...projectOption)
    .option("--json", "print the flag as JSON")
    .action((key: string, options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const found = await client.get<Flag>(flagPath(project, key));
        if (options.json) return out.json(found);
        printFlag(out, found);
      })(options),
    );

  const step = (
    name: string,
    args: string,
    description: string,
    body: (rest: string[], options: Record<string, string | boolean | undefined>) => unknown,
    extra: (c: Command) => Command = (c) => c,
  ) =>
    extra(
      flag
        .command(`${name} <key>${args}`)
        .description(description)
        .requiredOption(...envOption)
        .option(...projectOption)
        .option("--json", "print the flag as JSON"),
    ).action(async (...args: unknown[]) => {
      // Commander passes the arguments, then the options, then the command.
      const [key, ...positional] = args.slice(0, -2) as string[];
      const options = args.at(-2) as Common & { env: string } & Record<string, string | boolean>;
      await withProject<typeof options>(io, async ({ client, project, out }) => {
        const changed = await client.post<Flag>(
          `${flagPath(project, key ?? "")}/environments/${enc(options.env)}/${name}`,
          body(positional, options),
        );
        if (options.json) return out.json(changed);
        printFlag(out, changed, options.env);
      })(options);
    });

  step("admins", "", "Turn the flag on for admins only (the `admins` segment)", () => ({}));
  step(
    "customers",
    " <customers>",
    "Turn it on for named customers (customerId IN …), comma-separated",
    ([list = ""], o) => ({
      customers: parseList(list),
      mode: o.add ? "add" : o.remove ? "remove" : "set",
    }),
    (c) =>
      c
        .option("--add", "add to the allow-list instead of replacing it")
        .option("--remove", "remove from the allow-list"),
  );
  step(
    "rollout",
    " <percent>",
    "Roll it out to a percentage, sticky by a context field (default: userId)",
    ([percent = ""], o) => ({
      percent: parsePercent(percent),
      stickiness: (o.by as string | undefined) ?? "default",
    }),
    (c) => c.option("--by <field>", "bucket by this context field, e.g. customerId"),
  );
  step("release", "", "Release it: on for everyone (the release time is recorded)", () => ({}));
  step(
    "kill",
    "",
    "Kill it: off for everyone at once, whatever the rules say",
    (_, o) => ({
      reason: o.message,
    }),
    (c) => c.option("-m, --message <reason>", "why, for the history"),
  );
  step("enable", "", "Undo a kill: the rules decide again", () => ({}));

  flag
    .command("set <key>")
    .description(
      "Replace an environment's rules with hand-written ones (JSON: {enabled, rules, variants})",
    )
    .requiredOption(...envOption)
    .requiredOption("-f, --file <file>", "the JSON file")
    .option(...projectOption)
    .option("--json", "print the flag as JSON")
    .action((key: string, options: Common & { env: string; file: string }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        let config: unknown;
        try {
          config = JSON.parse(readFileSync(options.file, "utf8"));
        } catch (error) {
          throw new Error(`cannot read ${options.file}: ${(error as Error).message}`);
        }
        const changed = await client.put<Flag>(
          `${flagPath(project, key)}/environments/${enc(options.env)}`,
          config,
        );
        if (options.json) return out.json(changed);
        printFlag(out, changed, options.env);
      })(options),
    );

  flag
    .command("eval <key> [fields...]")
    .description("Who gets it: the decision for one context, e.g. customerId=acme role=admin")
    .requiredOption(...envOption)
    .option(...projectOption)
    .option("--json", "print the decision as JSON")
    .action((key: string, fields: string[], options: Common & { env: string }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const result = await client.post<FlagEvaluation>(`${flagPath(project, key)}/evaluate`, {
          environment: options.env,
          context: parseContext(fields),
        });
        if (options.json) return out.json(result);
        out.line(`${result.enabled ? "ON" : "OFF"} — ${result.reason}`);
        if (result.variant.name !== "disabled") out.line(`variant: ${result.variant.name}`);
        for (const rule of result.rules) {
          out.line(
            `  ${rule.name}: ${rule.matches ? (rule.inRollout ? "matches" : "matches, outside rollout") : "does not match"}`,
          );
        }
      })(options),
    );

  flag
    .command("archive <key>")
    .description("Archive a flag: SDKs stop seeing it (delete it from the code first)")
    .option(...projectOption)
    .option("--json", "print the flag as JSON")
    .action((key: string, options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const archived = await client.delete<Flag>(flagPath(project, key));
        if (options.json) return out.json(archived);
        out.line(`Archived ${key}: SDKs no longer see it.`);
      })(options),
    );

  flag
    .command("history <key>")
    .description("Every change to the flag, newest first")
    .option(...projectOption)
    .option("--json", "print the entries as JSON")
    .action((key: string, options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const entries = await client.get<AuditEntry[]>(`${flagPath(project, key)}/history`);
        if (options.json) return out.json(entries);
        out.table(
          ["when", "who", "what", "environment", "details"],
          entries.map((e) => [
            out.ago(e.at),
            e.actor,
            e.action.replace(/^flag\./, ""),
            e.environment ?? "",
            JSON.stringify(e.details),
          ]),
          "no changes yet",
        );
      })(options),
    );

  flagAdminCommands(flag, io);
}
