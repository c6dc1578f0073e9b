import { type Command, Option } from "commander";
import type { ApiClient } from "./api-client.js";
import type { Approval, AuditEntry, Block, Project, Role } from "./api-types.js";
import { positiveInteger, shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, type Output } from "./output.js";

const projectOption = [
  "-p, --project <project>",
  "the project (may be left out when the server has only one)",
] as const;

/** The project named, or the server's only one; with several, a list to choose from. */
export async function resolveProject(client: ApiClient, given: string | undefined) {
  if (given) return given;
  const projects = await client.get<Project[]>("/projects");
  const [only] = projects;
  if (projects.length === 1 && only) return only.name;
  if (projects.length === 0) {
    throw new Error("no projects yet: add one with `weeknight project add <name> --repo <url>`");
  }
  throw new Error(
    `the server has ${projects.length} projects (${projects.map((p) => p.name).join(", ")}): say which with -p <project>`,
  );
}

const enc = encodeURIComponent;
const iso = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
const where = (b: Block) => `${b.project} ${b.environment ?? "(every environment)"}`;
const scope = (b: Block) =>
  b.buildId !== null ? `build #${b.buildId}` : b.sha !== null ? `commit ${shortSha(b.sha)}` : "";
const until = (b: Block) => (b.expiresAt === null ? "until lifted" : `until ${iso(b.expiresAt)}`);

function state(b: Block, now: number): string {
  if (b.liftedAt !== null) return `lifted by ${b.liftedBy}`;
  return b.expiresAt !== null && b.expiresAt <= now ? "expired" : "in force";
}

function printBlocks(out: Output, blocks: Block[], now: number, all: boolean): void {
  out.table(
    [
      "id",
      "project",
      "environment",
      "only",
      "by",
      "placed",
      "expires",
      ...(all ? ["state"] : []),
      "reason",
    ],
    blocks.map((b) => [
      String(b.id),
      b.project,
      b.environment ?? "(all)",
      scope(b) || "-",
      b.createdBy,
      out.ago(b.createdAt),
      b.expiresAt === null ? "never" : iso(b.expiresAt),
      ...(all ? [state(b, now)] : []),
      b.reason,
    ]),
    all ? "no blocks yet" : "no blocks in force: deploys go as planned",
  );
}

/** `block`, `unblock`, `blocks`: stop deploys for a while, with a reason anyone can read. */
export function blockCommands(program: Command, io: CliIo): void {
  program
    .command("block [environment]")
    .description("Stop deploys to an environment (none given: every environment of the project)")
    .requiredOption("-m, --message <reason>", "why, shown to whoever wants to deploy (required)")
    .option("--for <duration>", "lift it by itself after this long, e.g. 2h")
    .option("--build <id>", "hold back only this build", positiveInteger)
    .addOption(
      new Option("--commit <sha>", "hold back any change containing this commit").conflicts(
        "build",
      ),
    )
    .option(...projectOption)
    .option("--json", "print the block as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight block production -m "support sees checkout errors" --for 2h',
    )
    .action(
      async (
        environment: string | undefined,
        options: {
          message: string;
          for?: string;
          build?: number;
          commit?: string;
          project?: string;
          json?: boolean;
        },
      ) => {
        const out = createOutput(io);
        const client = await connect(io);
        const project = await resolveProject(client, options.project);
        const block = await client.post<Block>(`/projects/${enc(project)}/blocks`, {
          environment,
          reason: options.message,
          for: options.for,
          build: options.build,
          sha: options.commit,
        });
        if (options.json) return out.json(block);
        const only = scope(block);
        out.line(
          `Blocked deploys to ${where(block)}${only ? ` (${only} only)` : ""} ${until(block)} (block ${block.id}): ${block.reason}`,
        );
        out.note(`lift it with: weeknight unblock ${block.id}`);
      },
    );

  program
    .command("unblock <target>")
    .description("Lift a block by id, or every block on an environment that you may lift")
    .option("-m, --message <reason>", "why deploys may go again")
    .option(...projectOption)
    .option("--json", "print the lifted blocks as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  weeknight unblock 3\n  weeknight unblock production -m "fixed in #41"',
    )
    .action(
      async (target: string, options: { message?: string; project?: string; json?: boolean }) => {
        const out = createOutput(io);
        const client = await connect(io);
        const lift = (id: number) =>
          client.post<Block>(`/blocks/${id}/lift`, { reason: options.message });
        const lifted = /^\d+$/.test(target)
          ? [await lift(Number(target))]
          : await liftEnvironment(client, out, target, options.project, lift);
        if (options.json) return out.json(lifted);
        for (const b of lifted) {
          out.line(`Lifted block ${b.id} on ${where(b)} (placed by ${b.createdBy}: ${b.reason}).`);
        }
      },
    );

  program
    .command("blocks")
    .description("Blocks in force (--all: every block, lifted and expired too)")
    .option("-p, --project <project>", "only this project's blocks")
    .option("--all", "every block, newest first, not only those in force")
    .option("--limit <n>", "with --all: how many (1-200)", positiveInteger, 50)
    .option("--json", "print the blocks as JSON")
    .addHelpText("after", "\nExample:\n  weeknight blocks --project shop --all")
    .action(async (options: { project?: string; all?: boolean; limit: number; json?: boolean }) => {
      const out = createOutput(io);
      const blocks = await (await connect(io)).get<Block[]>("/blocks", {
        project: options.project,
        all: options.all ? "true" : undefined,
        limit: options.all ? options.limit : undefined,
      });
      if (options.json) return out.json(blocks);
      printBlocks(out, blocks, io.now(), Boolean(options.all));
    });

  program
    .command("approve <environment>")
    .description("Approve the environment's candidate (or --build) to go out")
    .option("--build <id>", "approve this build instead of the candidate", positiveInteger)
    .option("-m, --message <comment>", "a comment kept with the approval")
    .option(...projectOption)
    .option("--json", "print the approval as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight approve production -m "checked the migration with Ann"',
    )
    .action(
      async (
        environment: string,
        options: { build?: number; message?: string; project?: string; json?: boolean },
      ) => {
        const out = createOutput(io);
        const client = await connect(io);
        const project = await resolveProject(client, options.project);
        const approval = await client.post<Approval>(
          `/projects/${enc(project)}/environments/${enc(environment)}/approve`,
          { build: options.build, comment: options.message },
        );
        if (options.json) return out.json(approval);
        out.line(
          `Approved build #${approval.buildId} for ${approval.project} ${approval.environment} (approval ${approval.id}).`,
        );
      },
    );

  program
    .command("audit")
    .description("Who did what, newest first: deploys, approvals, blocks, forced deploys…")
    .option("-p, --project <project>", "only this project's entries")
    .option("--env <environment>", "only this environment's entries")
    .option("--action <action>", "only this action; `deploy.` matches every deploy.* action")
    .option("--actor <user>", "only what this user did")
    .option("--before <id>", "only entries older than this one (paging)", positiveInteger)
    .option("--limit <n>", "how many (1-500)", positiveInteger, 50)
    .option("--json", "print the entries as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight audit --project shop --env production --action block",
    )
    .action(
      async (options: {
        project?: string;
        env?: string;
        action?: string;
        actor?: string;
        before?: number;
        limit: number;
        json?: boolean;
      }) => {
        const out = createOutput(io);
        const entries = await (await connect(io)).get<AuditEntry[]>("/audit", {
          project: options.project,
          environment: options.env,
          action: options.action,
          actor: options.actor,
          before: options.before,
          limit: options.limit,
        });
        if (options.json) return out.json(entries);
        out.table(
          ["id", "at", "actor", "action", "where", "target", "details"],
          entries.map((e) => [
            String(e.id),
            iso(e.at),
            e.actor,
            e.action,
            [e.project, e.environment].filter(Boolean).join(" ") || "-",
            e.target,
            details(e.details),
          ]),
          "no audit entries match",
        );
      },
    );
}

/** Lifts every block in force on `environment` that the caller may lift, saying which stay. */
async function liftEnvironment(
  client: ApiClient,
  out: Output,
  environment: string,
  given: string | undefined,
  lift: (id: number) => Promise<Block>,
): Promise<Block[]> {
  const project = await resolveProject(client, given);
  const [me, active] = await Promise.all([
    client.get<{ username: string; role: Role }>("/users/me"),
    client.get<Block[]>("/blocks", { project }),
  ]);
  const here = active.filter((b) => b.environment === environment);
  const mayLift = (b: Block) => b.createdBy === me.username || me.role !== "viewer";
  for (const b of active.filter((b) => b.environment === null)) {
    out.note(
      `block ${b.id} on every environment of ${project} also stops ${environment}: weeknight unblock ${b.id}`,
    );
  }
  if (here.length === 0) throw new Error(`no block in force on ${project} ${environment}`);
  for (const b of here.filter((b) => !mayLift(b))) {
    out.note(`block ${b.id} stays: placed by ${b.createdBy}, only they or a deployer can lift it`);
  }
  const mine = here.filter(mayLift);
  if (mine.length === 0) {
    throw new Error(
      `none of the ${here.length} block${here.length === 1 ? "" : "s"} on ${project} ${environment} is yours to lift: ask their author or a deployer`,
    );
  }
  const lifted: Block[] = [];
  for (const b of mine) lifted.push(await lift(b.id));
  return lifted;
}

/** Times (`expiresAt`, …) as ISO dates, strings as they are, anything else as JSON. */
function show(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && key.endsWith("At")) return iso(value);
  return JSON.stringify(value);
}

/** `key=value` pairs of an entry's details, on one line. */
function details(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${show(k, v)}`)
    .join(" ");
}
