import type { Command } from "commander";
import type { Deployment, DomainEvent, EnvironmentView } from "./api-types.js";
import { positiveInteger, shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { deployAndWatch } from "./deploy-follow.js";
import { createOutput, type Output } from "./output.js";

interface ProjectOption {
  project: string;
  json?: boolean;
}

const projectOption = ["-p, --project <project>", "the project (required)"] as const;

function describeDeploy(env: EnvironmentView): string {
  if (typeof env.deploy === "string") return env.deploy;
  return `${env.deploy.schedule} (${env.deploy.timezone})`;
}

/** Runs a deployment to its end, step by step on stderr; exit code 1 unless it succeeded. */
async function runDeployment(
  io: CliIo,
  out: Output,
  project: string,
  json: boolean | undefined,
  start: (client: Awaited<ReturnType<typeof connect>>) => Promise<Deployment>,
) {
  const client = await connect(io);
  const progress = out.progress("starting…");
  const done = await deployAndWatch(
    client,
    project,
    () => start(client),
    (event: DomainEvent) => {
      const detail = event.data.detail ? `: ${event.data.detail}` : "";
      progress.persist(`${String(event.data.step)}${detail}`);
    },
  ).finally(() => progress.stop());
  if (json) out.json(done);
  else
    out.line(
      `Deployment ${done.id} of build #${done.buildId} to ${done.environment}: ${out.colors.status(done.step)}${done.reason ? ` — ${done.reason}` : ""}`,
    );
  if (done.step !== "succeeded") io.setExitCode(1);
}

const forceHelp =
  "admin only: deploy although a block, approval, window, freeze or incident holds it (audited)";
const forceBody = (reason: string | undefined) => (reason ? { force: { reason } } : {});

/** Risk, approvals, blocks and what holds the next deploy back. */
function printControl(out: Output, e: EnvironmentView): void {
  const control = e.control;
  if (!control) return;
  if (control.risk) {
    const reasons = control.risk.reasons.map((r) => r.text).join("; ");
    out.line(`risk       ${control.risk.level}${reasons ? `: ${reasons}` : ""}`);
  }
  if (control.approvals.required > 0) {
    const given = control.approvals.given.map((a) => a.by).join(", ");
    out.line(
      `approvals  ${control.approvals.given.length} of ${control.approvals.required}${given ? ` (${given})` : ""}`,
    );
  }
  for (const hold of control.holds) out.line(`${out.colors.yellow("waiting")}    ${hold}`);
  if (control.holds.length > 0 && control.nextTryAt)
    out.line(`next try   ${new Date(control.nextTryAt).toISOString()}`);
}

export function deployCommands(program: Command, io: CliIo): void {
  const env = program
    .command("env")
    .description("Environments: what is live, what goes out next, when");
  env
    .command("list")
    .description("Every environment of a project with its live release and candidate")
    .requiredOption(...projectOption)
    .option("--json", "print the environments as JSON")
    .addHelpText("after", "\nExample:\n  weeknight env list --project shop")
    .action(async (options: ProjectOption) => {
      const out = createOutput(io);
      const envs = await (await connect(io)).get<EnvironmentView[]>(
        `/projects/${options.project}/environments`,
      );
      if (options.json) return out.json(envs);
      out.table(
        ["environment", "deploy", "live", "candidate", "waiting", "next run", "last skip"],
        envs.map((e) => [
          e.name,
          describeDeploy(e),
          e.live ? `#${e.live.buildId} ${shortSha(e.live.sha)}` : "-",
          e.candidate ? `#${e.candidate.buildId} ${shortSha(e.candidate.sha)}` : "-",
          String(e.waiting.length),
          e.nextRunAt ? new Date(e.nextRunAt).toISOString() : "-",
          e.lastSkipReason ?? "",
        ]),
        "no environments: add an environments: section to weeknight.yml (see docs/deployments.md)",
      );
    });
  env
    .command("show <environment>")
    .description(
      "One environment: live release, candidate and its commits, next run, last skip reason",
    )
    .requiredOption(...projectOption)
    .option("--json", "print the environment as JSON")
    .addHelpText("after", "\nExample:\n  weeknight env show production --project shop")
    .action(async (name: string, options: ProjectOption) => {
      const out = createOutput(io);
      const e = await (await connect(io)).get<EnvironmentView>(
        `/projects/${options.project}/environments/${name}`,
      );
      if (options.json) return out.json(e);
      out.line(
        `${e.name} (${e.target} target, deploys ${describeDeploy(e)}${e.requires.length ? `, requires ${e.requires.join(", ")}` : ""})`,
      );
      out.line(
        `live       ${e.live ? `build #${e.live.buildId} ${shortSha(e.live.sha)} (${e.live.releaseId}), since ${out.ago(e.live.since)}` : "nothing yet"}`,
      );
      out.line(
        `candidate  ${e.candidate ? `build #${e.candidate.buildId} ${shortSha(e.candidate.sha)}` : "none"}`,
      );
      out.line(`next run   ${e.nextRunAt ? new Date(e.nextRunAt).toISOString() : "-"}`);
      if (e.lastSkipReason) out.line(`last skip  ${e.lastSkipReason} (${out.ago(e.lastSkipAt)})`);
      printControl(out, e);
      if (e.waiting.length > 0) {
        out.line("");
        out.line(
          `What goes out next (${e.waiting.length} commit${e.waiting.length > 1 ? "s" : ""}):`,
        );
        for (const c of e.waiting) out.line(`  ${shortSha(c.sha)}  ${c.message}  (${c.author})`);
      }
    });

  program
    .command("deploy <environment>")
    .description("Deploy the environment's candidate (or --build) now, following each step")
    .requiredOption(...projectOption)
    .option("--build <id>", "deploy this build instead of the candidate", positiveInteger)
    .option("--force <reason>", forceHelp)
    .option("--json", "print the finished deployment as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  weeknight deploy production --project shop\n  weeknight deploy production --project shop --force "hotfix for INC-4, approved by phone"',
    )
    .action(
      async (environment: string, options: ProjectOption & { build?: number; force?: string }) => {
        const out = createOutput(io);
        await runDeployment(io, out, options.project, options.json, (client) =>
          client.post<Deployment>(
            `/projects/${options.project}/environments/${environment}/deploy`,
            {
              ...(options.build ? { build: options.build } : {}),
              ...forceBody(options.force),
            },
          ),
        );
      },
    );

  program
    .command("promote <from> <to>")
    .description("Deploy what is live on one environment to another")
    .requiredOption(...projectOption)
    .option("--force <reason>", forceHelp)
    .option("--json", "print the finished deployment as JSON")
    .addHelpText("after", "\nExample:\n  weeknight promote internal production --project shop")
    .action(async (from: string, to: string, options: ProjectOption & { force?: string }) => {
      const out = createOutput(io);
      await runDeployment(io, out, options.project, options.json, (client) =>
        client.post<Deployment>(`/projects/${options.project}/promote`, {
          from,
          to,
          ...forceBody(options.force),
        }),
      );
    });

  program
    .command("rollback <environment>")
    .description("Put the previous release (or --to an earlier deployment's) back in service")
    .requiredOption(...projectOption)
    .option("--to <deployment>", "the deployment whose release to return to", positiveInteger)
    .option("--json", "print the finished deployment as JSON")
    .addHelpText("after", "\nExample:\n  weeknight rollback production --project shop")
    .action(async (environment: string, options: ProjectOption & { to?: number }) => {
      const out = createOutput(io);
      await runDeployment(io, out, options.project, options.json, (client) =>
        client.post<Deployment>(
          `/projects/${options.project}/environments/${environment}/rollback`,
          options.to ? { to: options.to } : {},
        ),
      );
    });

  program
    .command("deployments")
    .description("Deployments, newest first")
    .option("--project <project>", "only this project's")
    .option("--environment <environment>", "only this environment's")
    .option("--limit <n>", "how many (1-200)", positiveInteger, 20)
    .option("--json", "print the deployments as JSON")
    .action(
      async (options: {
        project?: string;
        environment?: string;
        limit: number;
        json?: boolean;
      }) => {
        const out = createOutput(io);
        const { project, environment, limit } = options;
        const list = await (await connect(io)).get<Deployment[]>("/deployments", {
          project,
          environment,
          limit,
        });
        if (options.json) return out.json(list);
        out.table(
          ["id", "project", "environment", "build", "release", "step", "trigger", "when", "reason"],
          list.map((d) => [
            String(d.id),
            d.project,
            d.environment,
            `#${d.buildId}`,
            d.releaseId,
            out.colors.status(d.step),
            d.trigger,
            out.ago(d.createdAt),
            d.reason ?? "",
          ]),
          "no deployments yet",
        );
      },
    );
}
