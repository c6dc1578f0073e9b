import type { Command } from "commander";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { readSecret } from "./cli-prompt.js";
import { createOutput } from "./output.js";

const p = encodeURIComponent;

export function secretCommands(program: Command, io: CliIo): void {
  const secret = program
    .command("secret")
    .description("Set, list and remove a project's secrets (used as ${NAME} in weeknight.yml)");

  secret
    .command("set <NAME>")
    .description(
      "Set a secret; the value is read from stdin (or typed hidden) unless --value is given",
    )
    .requiredOption("--project <project>", "the project the secret belongs to")
    .option("--value <value>", "the value (visible in shell history and `ps`: prefer stdin)")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  printf %s "$SLACK_URL" | weeknight secret set SLACK_URL --project shop\n  weeknight secret set DEPLOY_KEY --project shop < deploy_key.pem',
    )
    .action(async (name: string, options: { project: string; value?: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const value = options.value ?? (await readSecret(io, `Value of ${name}: `));
      if (value === "") {
        throw new Error(
          `no value for ${name}: pipe it to stdin, type it at the prompt, or pass --value`,
        );
      }
      await client.put(`/projects/${p(options.project)}/secrets/${p(name)}`, { value });
      // The value is never printed, not even in JSON: output ends up in CI logs.
      if (options.json) out.json({ project: options.project, name, set: true });
      else
        out.line(
          `Set secret ${name} of ${options.project} (use it as \${${name}} in weeknight.yml)`,
        );
    });

  secret
    .command("list")
    .description("List a project's secret names (values are never shown)")
    .requiredOption("--project <project>", "the project")
    .option("--json", "print the secrets as JSON")
    .action(async (options: { project: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const secrets = await client.get<{ name: string; updatedAt: number }[]>(
        `/projects/${p(options.project)}/secrets`,
      );
      if (options.json) return out.json(secrets);
      out.table(
        ["name", "updated"],
        secrets.map((s) => [s.name, out.ago(s.updatedAt)]),
        `no secrets in ${options.project}: add one with \`weeknight secret set NAME --project ${options.project}\``,
      );
    });

  secret
    .command("rm <NAME>")
    .description("Remove a secret")
    .requiredOption("--project <project>", "the project")
    .option("--json", "print the result as JSON")
    .action(async (name: string, options: { project: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      await client.delete(`/projects/${p(options.project)}/secrets/${p(name)}`);
      if (options.json) out.json({ project: options.project, name, removed: true });
      else out.line(`Removed secret ${name} of ${options.project}`);
    });
}
