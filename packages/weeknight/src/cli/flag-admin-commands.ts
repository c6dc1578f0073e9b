import type { Command } from "commander";
import type { Flag, Segment } from "./api-types.js";
import type { CliIo } from "./cli-io.js";
import { parseConstraint, parseRampStep } from "./flag-args.js";
import {
  type Common,
  envOption,
  flagPath,
  printFlag,
  projectOption,
  withProject,
} from "./flag-view.js";

const enc = encodeURIComponent;

interface SdkKey {
  id: number;
  environment: string;
  name: string;
  prefix: string;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** `flag ramp`, `flag segment …`, `flag key …`: schedules, shared audiences and SDK keys. */
export function flagAdminCommands(flag: Command, io: CliIo): void {
  flag
    .command("ramp <key> [steps...]")
    .description("Schedule rollout steps, e.g. 5%@2026-12-07T09:00Z 25%@+2d 100%@+7d")
    .requiredOption(...envOption)
    .option("--by <field>", "bucket by this context field, e.g. customerId")
    .option("--cancel", "cancel the ramp")
    .option("--resume", "resume a ramp an alert paused")
    .option(...projectOption)
    .option("--json", "print the flag as JSON")
    .action(
      (
        key: string,
        steps: string[],
        options: Common & { env: string; by?: string; cancel?: boolean; resume?: boolean },
      ) =>
        withProject<typeof options>(io, async ({ client, project, out }) => {
          const path = `${flagPath(project, key)}/environments/${enc(options.env)}/ramp`;
          let changed: Flag;
          if (options.cancel) changed = await client.delete<Flag>(path);
          else if (options.resume) changed = await client.post<Flag>(`${path}/resume`);
          else {
            if (steps.length === 0) {
              throw new Error(
                "give the steps, e.g. 5%@+1d 25%@+3d 100%@+7d (or --cancel, --resume)",
              );
            }
            const now = Date.now();
            changed = await client.put<Flag>(path, {
              steps: steps.map((s) => parseRampStep(s, now)),
              stickiness: options.by ?? "default",
            });
          }
          if (options.json) return out.json(changed);
          printFlag(out, changed, options.env);
          out.note("a ramp pauses by itself when an alert fires in the environment");
        })(options),
    );

  const segment = flag.command("segment").description("Named audiences rules share, e.g. admins");
  segment
    .command("list")
    .description("The project's segments")
    .option(...projectOption)
    .option("--json", "print the segments as JSON")
    .action((options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const segments = await client.get<Segment[]>(`/projects/${enc(project)}/segments`);
        if (options.json) return out.json(segments);
        out.table(
          ["segment", "constraints", "used by"],
          segments.map((s) => [
            s.name + (s.builtIn ? " (default)" : ""),
            s.constraints
              .map(
                (c) =>
                  `${c.contextName}${c.inverted ? " not" : ""} ${c.operator} ${c.values?.join(",") ?? c.value}`,
              )
              .join(" and "),
            s.usedBy.join(", "),
          ]),
          "no segments",
        );
      })(options),
    );
  segment
    .command("set <name> <constraints...>")
    .description('Create or redefine a segment; each constraint quoted, e.g. "role IN admin,owner"')
    .option("-d, --description <text>", "who this is")
    .option(...projectOption)
    .option("--json", "print the segment as JSON")
    .action((name: string, constraints: string[], options: Common & { description?: string }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const saved = await client.put<Segment>(`/projects/${enc(project)}/segments/${enc(name)}`, {
          description: options.description,
          constraints: constraints.map(parseConstraint),
        });
        if (options.json) return out.json(saved);
        out.line(
          `Saved segment ${saved.name}${saved.usedBy.length ? ` (used by ${saved.usedBy.join(", ")})` : ""}.`,
        );
      })(options),
    );
  segment
    .command("delete <name>")
    .description("Delete a segment no flag uses")
    .option(...projectOption)
    .action((name: string, options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        await client.delete(`/projects/${enc(project)}/segments/${enc(name)}`);
        out.line(`Deleted segment ${name}.`);
      })(options),
    );

  const key = flag
    .command("key")
    .description("SDK keys: how an app's SDK reads one environment's flags");
  key
    .command("create")
    .description("Create an SDK key (shown once)")
    .requiredOption(...envOption)
    .option("-n, --name <name>", "what uses it, e.g. web app")
    .option(...projectOption)
    .option("--json", "print the key as JSON")
    .action((options: Common & { env: string; name?: string }) =>
      withProject<typeof options>(io, async ({ client, project, out }) => {
        const created = await client.post<{ key: string; sdkKey: SdkKey }>(
          `/projects/${enc(project)}/sdk-keys`,
          { environment: options.env, name: options.name },
        );
        if (options.json) return out.json(created);
        out.line(created.key);
        out.note(
          `SDK key ${created.sdkKey.id} for ${project} ${options.env}: shown once, store it as a secret (WEEKNIGHT_SDK_KEY)`,
        );
      })(options),
    );
  key
    .command("list")
    .description("The project's SDK keys")
    .option(...projectOption)
    .option("--json", "print the keys as JSON")
    .action((options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        const keys = await client.get<SdkKey[]>(`/projects/${enc(project)}/sdk-keys`);
        if (options.json) return out.json(keys);
        out.table(
          ["id", "environment", "name", "prefix", "last used", "state"],
          keys.map((k) => [
            String(k.id),
            k.environment,
            k.name,
            `${k.prefix}…`,
            out.ago(k.lastUsedAt),
            k.revokedAt ? "revoked" : "in use",
          ]),
          `no SDK keys: weeknight flag key create --env <environment> -p ${project}`,
        );
      })(options),
    );
  key
    .command("revoke <id>")
    .description("Revoke an SDK key: its SDKs get 401 from then on")
    .option(...projectOption)
    .action((id: string, options: Common) =>
      withProject<Common>(io, async ({ client, project, out }) => {
        await client.delete(`/projects/${enc(project)}/sdk-keys/${enc(id)}`);
        out.line(`Revoked SDK key ${id}.`);
      })(options),
    );
}
