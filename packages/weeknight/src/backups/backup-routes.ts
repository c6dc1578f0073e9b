import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { BackupConfig } from "../config/config-schema.js";
import { NotAllowedError } from "../errors/domain-errors.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { hasRole, principalOfRequest } from "../http/http-auth.js";
import type { BackupService } from "./backup-service.js";
import { backupKinds, backupStatuses } from "./backup-store.js";

export const backupSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  environment: z.string(),
  deploymentId: z.number().nullable(),
  kind: z.enum(backupKinds),
  file: z.string().describe("relative to WEEKNIGHT_HOME; empty unless the backup is ok"),
  size: z.number(),
  sha256: z.string(),
  status: z.enum(backupStatuses),
  error: z.string().nullable(),
  createdAt: z.number(),
  verifiedAt: z.number().nullable().describe("when it was last verified"),
  verifyError: z.string().nullable().describe("null when the last verification passed"),
});

const checkSchema = z.union([
  z.strictObject({ sql: z.string().min(1).describe("passes when it returns at least one row") }),
  z.strictObject({ command: z.string().min(1).describe("passes when it exits 0") }),
]);

const envParams = z.object({ name: z.string(), env: z.string() });
const idParams = z.object({ id: z.coerce.number().int().positive() });

export interface BackupRoutesDeps {
  backups: BackupService;
  projects: {
    get(name: string): Promise<{ id: number; name: string }>;
    getById(id: number): Promise<{ id: number; name: string }>;
  };
  /** The environment's current backup config and variables (secrets resolved); throws when it has none. */
  resolveBackupConfig(
    projectName: string,
    environment: string,
  ): Promise<{ projectId: number; config: BackupConfig; env: Record<string, string> }>;
  audit: AuditLog;
}

export function backupRoutes(deps: BackupRoutesDeps): RoutesPlugin {
  const { backups, projects, audit } = deps;
  /** A backup with the config of the environment it came from, as configured now. */
  const withConfig = async (id: number) => {
    const backup = await backups.get(id);
    const project = await projects.getById(backup.projectId);
    return { backup, ...(await deps.resolveBackupConfig(project.name, backup.environment)) };
  };

  return (app) => {
    app.get(
      "/projects/:name/environments/:env/backups",
      {
        schema: {
          summary: "Backups of an environment, newest first",
          tags: ["backups"],
          params: envParams,
          response: { 200: z.array(backupSchema) },
        },
      },
      async (request) => {
        const project = await projects.get(request.params.name);
        return backups.list(project.id, request.params.env);
      },
    );
    app.post(
      "/projects/:name/environments/:env/backups",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Take a backup of an environment now (waits until it is written)",
          tags: ["backups"],
          params: envParams,
          response: { 201: backupSchema },
        },
      },
      async (request, reply) => {
        const { name, env: environment } = request.params;
        const { projectId, config, env } = await deps.resolveBackupConfig(name, environment);
        const backup = await backups.create({ projectId, project: name, environment, config, env });
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "backup.create",
          target: `backup:${backup.id}`,
          details: { project: name, environment },
        });
        return reply.status(201).send(backup);
      },
    );
    app.get(
      "/backups/:id",
      {
        schema: {
          summary: "One backup",
          tags: ["backups"],
          params: idParams,
          response: { 200: backupSchema },
        },
      },
      async (request) => backups.get(request.params.id),
    );
    app.post(
      "/backups/:id/restore",
      {
        config: { role: "admin" },
        schema: {
          summary:
            "Restore a backup into its environment's database (replaces the data; sha256 checked first)",
          tags: ["backups"],
          params: idParams,
          response: { 200: backupSchema },
        },
      },
      async (request) => {
        const { backup, config, env } = await withConfig(request.params.id);
        // Recorded before it starts: a restore that dies half-way must still be traceable.
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "backup.restore",
          target: `backup:${backup.id}`,
          details: { environment: backup.environment },
        });
        return backups.restore({ id: backup.id, config, env });
      },
    );
    app.post(
      "/backups/:id/verify",
      {
        config: { role: "deployer" },
        schema: {
          summary:
            "Restore a backup into a scratch database and check it; the result is in verifiedAt/verifyError",
          tags: ["backups"],
          params: idParams,
          body: z.object({ check: checkSchema.optional() }).nullish(),
          response: { 200: backupSchema },
        },
      },
      async (request) => {
        const principal = principalOfRequest(request);
        const check = request.body?.check;
        // A check runs SQL or a shell command on the server: as powerful as the admin role.
        if (check && !hasRole(principal, "admin")) {
          throw new NotAllowedError(
            `a custom verify check needs the admin role; ${principal.username} is ${principal.role} — verify without one`,
          );
        }
        const { backup, config, env } = await withConfig(request.params.id);
        const verified = await backups.verify({ id: backup.id, config, env, check });
        await audit.record({
          actor: principal.username,
          action: "backup.verify",
          target: `backup:${backup.id}`,
          details: { ok: verified.verifyError === null },
        });
        return verified;
      },
    );
  };
}
