import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Announcement, ReleaseNotes } from "./api-types.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { type Common, projectOption, withProject } from "./flag-view.js";
import { createOutput, type Output } from "./output.js";

const enc = encodeURIComponent;

function readMarkdown(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function printNotes(out: Output, notes: ReleaseNotes, which: "internal" | "customer" | "both") {
  const state = notes.withdrawnAt
    ? "withdrawn (rolled back)"
    : notes.publishedAt
      ? `published ${out.ago(notes.publishedAt)}`
      : notes.deployedAt
        ? `live ${out.ago(notes.deployedAt)}`
        : "not deployed yet";
  out.line(`Release notes ${notes.id}: build #${notes.buildId} to ${notes.environment} — ${state}`);
  if (notes.editedBy) out.line(`edited by ${notes.editedBy} ${out.ago(notes.editedAt)}`);
  if (which !== "customer") out.line(`\n## For the team\n\n${notes.internal.trim()}`);
  if (which !== "internal") {
    out.line(`\n## For customers\n\n${notes.customer.trim() || "(nothing for customers)"}`);
  }
}

/** `weeknight notes` and `weeknight announce`: telling the team and the customers. */
export function noteCommands(program: Command, io: CliIo): void {
  const notes = program
    .command("notes")
    .description("Release notes of every deploy: for the team, and for customers")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight notes next production --customer -p shop\n  weeknight notes edit 12 --customer-file notes.md",
    );
  const which = (o: { customer?: boolean; internal?: boolean }) =>
    o.customer ? "customer" : o.internal ? "internal" : "both";

  notes
    .command("list [environment]")
    .description("The last deploys' notes, newest first")
    .option("--customer", "only the customers' notes")
    .option("--internal", "only the team's notes")
    .option("--limit <n>", "how many deploys", positiveInteger, 1)
    .option(...projectOption)
    .option("--json", "print the notes as JSON")
    .action(
      (
        environment: string | undefined,
        options: Common & { customer?: boolean; internal?: boolean; limit: number },
      ) =>
        withProject<typeof options>(io, async ({ client, project, out }) => {
          const query = `limit=${options.limit}${environment ? `&environment=${enc(environment)}` : ""}`;
          const list = await client.get<ReleaseNotes[]>(`/projects/${enc(project)}/notes?${query}`);
          if (options.json) return out.json(list);
          if (list.length === 0)
            return out.line("No release notes yet: they come with the first deploy.");
          list.forEach((n, i) => {
            if (i > 0) out.line("");
            printNotes(out, n, which(options));
          });
        })(options),
    );

  notes
    .command("next <environment>")
    .description("The notes of what goes out next to an environment (drafted now, editable)")
    .option("--customer", "only the customers' notes")
    .option("--internal", "only the team's notes")
    .option(...projectOption)
    .option("--json", "print the notes as JSON")
    .action((environment: string, options: Common & { customer?: boolean; internal?: boolean }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const next = await client.get<ReleaseNotes | null>(
          `/projects/${enc(project)}/environments/${enc(environment)}/notes/next`,
        );
        if (options.json) return out.json(next);
        if (!next) return out.line(`Nothing waits to go to ${environment}.`);
        printNotes(out, next, which(options));
        out.note(
          `edit them before the deploy: weeknight notes edit ${next.id} --customer-file notes.md`,
        );
      })(options),
    );

  notes
    .command("edit <id>")
    .description("Replace a deploy's notes with your markdown (before or after the deploy)")
    .option("--customer-file <file>", "the customers' notes (- for standard input)")
    .option("--internal-file <file>", "the team's notes (- for standard input)")
    .option("--json", "print the notes as JSON")
    .action(
      async (
        id: string,
        options: { customerFile?: string; internalFile?: string; json?: boolean },
      ) => {
        const out = createOutput(io);
        const client = await connect(io);
        const customer = readMarkdown(options.customerFile);
        const internal = readMarkdown(options.internalFile);
        if (customer === undefined && internal === undefined) {
          throw new Error("give --customer-file, --internal-file or both");
        }
        const edited = await client.put<ReleaseNotes>(`/notes/${enc(id)}`, { customer, internal });
        if (options.json) return out.json(edited);
        out.line(
          `Saved release notes ${edited.id}${edited.publishedAt ? " (the public changelog shows the new text)" : ""}.`,
        );
      },
    );

  announceCommands(program, io);
}

function announceCommands(program: Command, io: CliIo): void {
  const announce = program
    .command("announce")
    .description("Announcements: large-grained news for customers, published when you decide");
  const withClient =
    <O extends { json?: boolean }>(
      run: (c: { out: Output; client: Awaited<ReturnType<typeof connect>> }, o: O) => Promise<void>,
    ) =>
    async (options: O) =>
      run({ out: createOutput(io), client: await connect(io) }, options);
  const show = (out: Output, a: Announcement) => {
    out.line(
      `Announcement ${a.id}: ${a.title} — ${a.publishedAt ? `published by ${a.publishedBy} ${out.ago(a.publishedAt)}` : "draft"}`,
    );
    out.line(`\n${a.body.trim()}`);
  };

  announce
    .command("draft")
    .description("Gather everything released since the last announcement into a draft")
    .option(...projectOption)
    .option("--json", "print the draft as JSON")
    .action((options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const draft = await client.post<Announcement>(`/projects/${enc(project)}/announcements`);
        if (options.json) return out.json(draft);
        show(out, draft);
        out.note(
          `edit it (weeknight announce edit ${draft.id} --file text.md), then: weeknight announce publish ${draft.id}`,
        );
      })(options),
    );
  announce
    .command("list")
    .description("Drafts and published announcements, newest first")
    .option(...projectOption)
    .option("--json", "print them as JSON")
    .action((options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const list = await client.get<Announcement[]>(`/projects/${enc(project)}/announcements`);
        if (options.json) return out.json(list);
        out.table(
          ["id", "title", "state", "by"],
          list.map((a) => [
            String(a.id),
            a.title,
            a.publishedAt ? `published ${out.ago(a.publishedAt)}` : "draft",
            a.publishedBy ?? a.createdBy,
          ]),
          `no announcements yet: weeknight announce draft -p ${project}`,
        );
      })(options),
    );
  announce
    .command("show <id>")
    .description("One announcement")
    .option("--json", "print it as JSON")
    .action((id: string, options: { json?: boolean }) =>
      withClient<typeof options>(async ({ out, client }) => {
        const found = await client.get<Announcement>(`/announcements/${enc(id)}`);
        if (options.json) return out.json(found);
        show(out, found);
      })(options),
    );
  announce
    .command("edit <id>")
    .description("Change the title or the text (markdown)")
    .option("-t, --title <title>", "the new title")
    .option("-f, --file <file>", "the new text (- for standard input)")
    .option("--json", "print it as JSON")
    .action((id: string, options: { title?: string; file?: string; json?: boolean }) =>
      withClient<typeof options>(async ({ out, client }) => {
        const body = readMarkdown(options.file);
        if (options.title === undefined && body === undefined)
          throw new Error("give --title, --file or both");
        const edited = await client.put<Announcement>(`/announcements/${enc(id)}`, {
          title: options.title,
          body,
        });
        if (options.json) return out.json(edited);
        out.line(`Saved announcement ${edited.id}: ${edited.title}`);
      })(options),
    );
  announce
    .command("publish <id>")
    .description("Publish: the public changelog, its feeds and the notify channels")
    .option("--json", "print it as JSON")
    .action((id: string, options: { json?: boolean }) =>
      withClient<typeof options>(async ({ out, client }) => {
        const published = await client.post<Announcement>(`/announcements/${enc(id)}/publish`);
        if (options.json) return out.json(published);
        out.line(`Published announcement ${published.id}: ${published.title}`);
      })(options),
    );
  announce
    .command("discard <id>")
    .description("Throw a draft away")
    .action((id: string) =>
      withClient<{ json?: boolean }>(async ({ out, client }) => {
        await client.delete(`/announcements/${enc(id)}`);
        out.line(`Discarded draft ${id}.`);
      })({}),
    );
}
