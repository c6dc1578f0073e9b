import type { Command } from "commander";
import type { Backup } from "./api-types.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, formatBytes, type Output } from "./output.js";

interface BackupOptions {
  project: string;
  json?: boolean;
}

function describe(out: Output, b: Backup): string {
  const verified = b.verifiedAt
    ? b.verifyError
      ? `verify FAILED: ${b.verifyError}`
      : `verified ${out.ago(b.verifiedAt)}`
    : "not verified";
  return `backup ${b.id} of ${b.environment}: ${out.colors.status(b.status === "ok" ? "passed" : "failed", b.status)}, ${formatBytes(b.size)}, ${out.ago(b.createdAt)}, ${verified}${b.error ? ` — ${b.error}` : ""}`;
}

/** The newest ok backup when no id is given: what a restore drill should try. */
async function pick(
  client: Awaited<ReturnType<typeof connect>>,
  project: string,
  environment: string,
  id: number | undefined,
): Promise<number> {
  if (id !== undefined) return id;
  const list = await client.get<Backup[]>(
    `/projects/${project}/environments/${environment}/backups`,
  );
  const newest = list.find((b) => b.status === "ok");
  if (!newest)
    throw new Error(
      `${environment} has no ok backup yet: take one with \`weeknight backup create ${environment} --project ${project}\``,
    );
  return newest.id;
}

/** Restore or verify: picks the backup, shows progress, returns what the server answered. */
async function onBackup(
  io: CliIo,
  out: Output,
  action: "restore" | "verify",
  input: { project: string; environment: string; id: string | undefined },
): Promise<Backup> {
  const client = await connect(io);
  const id = input.id === undefined ? undefined : positiveInteger(input.id);
  const chosen = await pick(client, input.project, input.environment, id);
  const progress = out.progress(
    `${action === "restore" ? "restoring" : "verifying"} backup ${chosen}…`,
  );
  return client.post<Backup>(`/backups/${chosen}/${action}`, {}).finally(() => progress.stop());
}

export function backupCommands(program: Command, io: CliIo): void {
  const backup = program
    .command("backup")
    .description("Backups taken before deployments: list, create, restore, verify");
  const projectOption = ["-p, --project <project>", "the project (required)"] as const;

  backup
    .command("list <environment>")
    .description("An environment's backups, newest first")
    .requiredOption(...projectOption)
    .option("--json", "print the backups as JSON")
    .action(async (environment: string, options: BackupOptions) => {
      const out = createOutput(io);
      const list = await (await connect(io)).get<Backup[]>(
        `/projects/${options.project}/environments/${environment}/backups`,
      );
      if (options.json) return out.json(list);
      out.table(
        ["id", "kind", "status", "size", "taken", "deployment", "verified", "error"],
        list.map((b) => [
          String(b.id),
          b.kind,
          out.colors.status(b.status === "ok" ? "passed" : "failed", b.status),
          formatBytes(b.size),
          out.ago(b.createdAt),
          b.deploymentId === null ? "-" : String(b.deploymentId),
          b.verifiedAt ? (b.verifyError ? "FAILED" : out.ago(b.verifiedAt)) : "-",
          b.error ?? b.verifyError ?? "",
        ]),
        `no backups of ${environment} yet`,
      );
    });

  backup
    .command("create <environment>")
    .description("Take a backup of the environment's data now")
    .requiredOption(...projectOption)
    .option("--json", "print the backup as JSON")
    .addHelpText("after", "\nExample:\n  weeknight backup create production --project shop")
    .action(async (environment: string, options: BackupOptions) => {
      const out = createOutput(io);
      const progress = out.progress(`backing up ${environment}…`);
      const made = await (await connect(io))
        .post<Backup>(`/projects/${options.project}/environments/${environment}/backups`, {})
        .finally(() => progress.stop());
      if (options.json) return out.json(made);
      out.line(describe(out, made));
    });

  backup
    .command("restore <environment> [id]")
    .description("Put a backup's data back (default: the newest ok backup) — admins only")
    .requiredOption(...projectOption)
    .option("--yes", "do not ask for confirmation")
    .option("--json", "print the backup as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight backup restore production 12 --project shop --yes",
    )
    .action(
      async (
        environment: string,
        id: string | undefined,
        options: BackupOptions & { yes?: boolean },
      ) => {
        const out = createOutput(io);
        if (!options.yes) {
          throw new Error(`restoring replaces ${environment}'s data: add --yes to confirm`);
        }
        const restored = await onBackup(io, out, "restore", {
          project: options.project,
          environment,
          id,
        });
        if (options.json) return out.json(restored);
        out.line(`restored ${describe(out, restored)}`);
      },
    );

  backup
    .command("verify <environment> [id]")
    .description(
      "Restore a backup into a scratch copy and check it (default: the newest ok backup)",
    )
    .requiredOption(...projectOption)
    .option("--json", "print the backup as JSON")
    .addHelpText(
      "after",
      "\nExample (a restore drill):\n  weeknight backup verify production --project shop",
    )
    .action(async (environment: string, id: string | undefined, options: BackupOptions) => {
      const out = createOutput(io);
      const checked = await onBackup(io, out, "verify", {
        project: options.project,
        environment,
        id,
      });
      if (options.json) out.json(checked);
      else out.line(describe(out, checked));
      if (checked.verifyError) io.setExitCode(1);
    });
}

export function dataCommands(program: Command, io: CliIo): void {
  program
    .command("data")
    .description("Production-like data for internal environments")
    .command("refresh <environment>")
    .description(
      "Restore the latest backup of data.refresh_from into the environment, then run data.scrub (admins)",
    )
    .requiredOption("-p, --project <project>", "the project (required)")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  weeknight data refresh internal --project shop")
    .action(async (environment: string, options: BackupOptions) => {
      const out = createOutput(io);
      const progress = out.progress(`refreshing ${environment}'s data…`);
      const result = await (await connect(io))
        .post<{ from: string; backupId: number; scrubMs: number }>(
          `/projects/${options.project}/environments/${environment}/data/refresh`,
          {},
        )
        .finally(() => progress.stop());
      if (options.json) return out.json(result);
      out.line(
        `${environment} now has ${result.from}'s data from backup ${result.backupId}, scrubbed in ${result.scrubMs} ms`,
      );
    });
}
