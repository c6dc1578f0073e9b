import { type Command, InvalidArgumentError } from "commander";
import type { Incident, IncidentSummary } from "./api-types.js";
import { positiveInteger, shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, type Output } from "./output.js";

const severities = ["sev1", "sev2", "sev3"];
const followUpKinds = ["missing-test", "missing-monitor", "process"];

const oneOf = (allowed: string[]) => (value: string) => {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`expected ${allowed.join(", ")}`);
  return value;
};
const stateColor = (state: string) => (state === "open" ? "failed" : "passed");

function printIncident(out: Output, incident: Incident): void {
  const c = out.colors;
  out.line(
    `${c.bold(`Incident ${incident.id}`)} ${c.status(stateColor(incident.state), incident.state)} ${incident.severity}: ${incident.title}`,
  );
  out.line(
    `${incident.project} ${incident.environment}, opened ${out.ago(incident.openedAt)} by ${incident.openedBy}${incident.resolvedAt ? `, resolved ${out.ago(incident.resolvedAt)}` : ""}`,
  );
  out.line(`Root cause: ${incident.rootCause ?? c.yellow("not identified yet")}`);
  if (incident.resolution) out.line(`Resolution: ${incident.resolution}`);
  const s = incident.suspect;
  if (s) {
    out.line();
    out.line(
      c.bold(
        `Suspect: deploy #${s.deploymentId} (${s.releaseId}, build #${s.build.id} ${shortSha(s.build.sha)}) ${s.step}`,
      ),
    );
    for (const commit of s.commits)
      out.line(`  ${shortSha(commit.sha)} ${commit.message} (${commit.author})`);
  }
  out.line();
  out.line(c.bold("Timeline"));
  out.table(
    ["when", "what", "who", ""],
    incident.timeline.map((e) => [new Date(e.at).toISOString(), e.kind, e.actor, e.text]),
    "nothing yet",
  );
  out.line();
  out.line(c.bold("Follow-ups"));
  out.table(
    ["id", "kind", "owner", "done", "what"],
    incident.followUps.map((f) => [String(f.id), f.kind, f.owner, f.done ? "yes" : "no", f.text]),
    `none yet: which test or monitor would have caught this? weeknight incident follow-up ${incident.id} --kind missing-test --owner <user> <text>`,
  );
}

export function incidentCommands(program: Command, io: CliIo): void {
  const incident = program
    .command("incident")
    .description("Incidents: what broke, the suspect deploy, the root cause and the follow-ups");
  const show = (json: boolean | undefined) => (done: Incident) => {
    const out = createOutput(io);
    if (json) out.json(done);
    else printIncident(out, done);
  };

  incident
    .command("list")
    .description("Incidents, newest first")
    .option("--project <project>", "only this project's incidents")
    .option("--open", "only open incidents")
    .option("--limit <n>", "how many (1-500)", positiveInteger, 50)
    .option("--json", "print the incidents as JSON")
    .addHelpText("after", "\nExample:\n  weeknight incident list --project shop --open")
    .action(
      async (options: { project?: string; open?: boolean; limit: number; json?: boolean }) => {
        const out = createOutput(io);
        const incidents = await (await connect(io)).get<IncidentSummary[]>("/incidents", {
          project: options.project,
          state: options.open ? "open" : undefined,
          limit: options.limit,
        });
        if (options.json) return out.json(incidents);
        out.table(
          ["id", "state", "sev", "project", "environment", "opened", "suspect", "title"],
          incidents.map((i) => [
            String(i.id),
            out.colors.status(stateColor(i.state), i.state),
            i.severity,
            i.project,
            i.environment,
            out.ago(i.openedAt),
            i.deploymentId ? `deploy #${i.deploymentId}` : "-",
            i.title,
          ]),
          options.open ? "no open incidents" : "no incidents yet",
        );
      },
    );
  incident
    .command("show")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .description("An incident's timeline, follow-ups and suspect deploy with its commits")
    .option("--json", "print the incident as JSON")
    .addHelpText("after", "\nExample:\n  weeknight incident show 3")
    .action(async (id: number, options: { json?: boolean }) => {
      show(options.json)(await (await connect(io)).get<Incident>(`/incidents/${id}`));
    });
  incident
    .command("open")
    .description("Open an incident by hand")
    .requiredOption("--project <project>", "the project (required)")
    .requiredOption("--environment <environment>", "the environment (required)")
    .requiredOption("--title <title>", "what is wrong, as a user sees it (required)")
    .option("--severity <severity>", `one of ${severities.join(", ")}`, oneOf(severities), "sev2")
    .option("--deployment <id>", "the suspect deploy", positiveInteger)
    .option("--json", "print the incident as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight incident open --project shop --environment production --title "checkout slow" --severity sev1 --deployment 12',
    )
    .action(
      async (options: {
        project: string;
        environment: string;
        title: string;
        severity: string;
        deployment?: number;
        json?: boolean;
      }) => {
        const opened = await (await connect(io)).post<Incident>("/incidents", {
          project: options.project,
          environment: options.environment,
          title: options.title,
          severity: options.severity,
          deploymentId: options.deployment,
        });
        if (options.json) return createOutput(io).json(opened);
        createOutput(io).line(`Opened incident ${opened.id}: ${opened.title}`);
      },
    );
  incident
    .command("note")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .argument("<text>")
    .description("Add a note to an incident's timeline")
    .option("--json", "print the incident as JSON")
    .addHelpText("after", '\nExample:\n  weeknight incident note 3 "rolled back by hand at 21:40"')
    .action(async (id: number, text: string, options: { json?: boolean }) => {
      show(options.json)(
        await (await connect(io)).post<Incident>(`/incidents/${id}/notes`, { text }),
      );
    });
  incident
    .command("root-cause")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .argument("<text>")
    .description("Set (or correct) what really caused it")
    .option("--json", "print the incident as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight incident root-cause 3 "the cart query misses an index"',
    )
    .action(async (id: number, text: string, options: { json?: boolean }) => {
      show(options.json)(
        await (await connect(io)).put<Incident>(`/incidents/${id}/root-cause`, { rootCause: text }),
      );
    });
  incident
    .command("follow-up")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .argument("<text>")
    .description("Add a follow-up: the test, monitor or process change that would have caught it")
    .requiredOption("--kind <kind>", `one of ${followUpKinds.join(", ")}`, oneOf(followUpKinds))
    .requiredOption("--owner <user>", "who will do it")
    .option("--json", "print the incident as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight incident follow-up 3 --kind missing-test --owner alice "test the cart with 100 items"',
    )
    .action(
      async (
        id: number,
        text: string,
        options: { kind: string; owner: string; json?: boolean },
      ) => {
        show(options.json)(
          await (await connect(io)).post<Incident>(`/incidents/${id}/follow-ups`, {
            kind: options.kind,
            owner: options.owner,
            text,
          }),
        );
      },
    );
  incident
    .command("done")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .argument("<followUpId>", "follow-up id (see `weeknight incident show`)", positiveInteger)
    .description("Mark a follow-up done (--undo: not done after all)")
    .option("--undo", "mark it not done")
    .option("--json", "print the incident as JSON")
    .addHelpText("after", "\nExample:\n  weeknight incident done 3 1")
    .action(async (id: number, followUpId: number, options: { undo?: boolean; json?: boolean }) => {
      show(options.json)(
        await (await connect(io)).patch<Incident>(`/incidents/${id}/follow-ups/${followUpId}`, {
          done: !options.undo,
        }),
      );
    });
  incident
    .command("resolve")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .description("Resolve an incident (set its root cause first)")
    .requiredOption("--resolution <text>", "what was done (required)")
    .option("--json", "print the incident as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight incident resolve 3 --resolution "index added in #15"',
    )
    .action(async (id: number, options: { resolution: string; json?: boolean }) => {
      const resolved = await (await connect(io)).post<Incident>(`/incidents/${id}/resolve`, {
        resolution: options.resolution,
      });
      const out = createOutput(io);
      if (options.json) return out.json(resolved);
      out.line(`Resolved incident ${resolved.id}: ${resolved.resolution}`);
      const open = resolved.followUps.filter((f) => !f.done).length;
      if (resolved.followUps.length === 0)
        out.note(
          `no follow-ups: which test or monitor would have caught this? weeknight incident follow-up ${resolved.id} --kind missing-test --owner <user> <text>`,
        );
      else if (open > 0) out.note(`${open} follow-up${open === 1 ? "" : "s"} still to do`);
    });
  incident
    .command("fix")
    .argument("<id>", "incident id (see `weeknight incident list`)", positiveInteger)
    .description(
      "Mark a build as fixing an incident: defects-first lets it through (like a `Fixes: INC-<id>` trailer)",
    )
    .requiredOption("--build <id>", "the build that fixes it", positiveInteger)
    .option("--json", "print the answer as JSON")
    .addHelpText("after", "\nExample:\n  weeknight incident fix 3 --build 42")
    .action(async (id: number, options: { build: number; json?: boolean }) => {
      const marked = await (await connect(io)).post<{ incident: number; build: number }>(
        `/incidents/${id}/fixes`,
        { build: options.build },
      );
      const out = createOutput(io);
      if (options.json) return out.json(marked);
      out.line(`Build #${marked.build} is marked as fixing INC-${marked.incident}`);
    });
}
