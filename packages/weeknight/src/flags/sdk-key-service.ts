import { createHash, randomBytes } from "node:crypto";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { SdkCaller } from "./flag-delivery.js";
import type { SdkKey, SdkKeyStore } from "./sdk-key-store.js";

const KEY_PREFIX = "wnf_";
/** Evaluation endpoints authenticate every request; a key's owner is remembered this long. */
const REMEMBER_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;

export type SdkKeyService = ReturnType<typeof createSdkKeyService>;

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * SDK keys: each lets SDKs (and OFREP and Unleash clients) read one environment's flags and
 * report counts, nothing else. Shown once; stored hashed.
 */
export function createSdkKeyService(deps: {
  store: SdkKeyStore;
  projects: ProjectService;
  clock: Clock;
  audit: AuditLog;
  environmentNames: (project: Project) => Promise<string[]>;
}) {
  const { store, projects, clock, audit } = deps;
  const remembered = new Map<string, { caller: SdkCaller | null; until: number }>();
  const touched = new Map<number, number>();

  const view = (key: SdkKey, project: string) => {
    const { projectId: _, ...rest } = key;
    return { ...rest, project };
  };

  return {
    async create(input: { project: string; environment: string; name?: string; by: string }) {
      const project = await projects.get(input.project);
      const names = await deps.environmentNames(project);
      if (!names.includes(input.environment)) {
        throw new NotFoundError(
          `${project.name} has no environment "${input.environment}"${names.length ? ` — it has ${names.join(", ")}` : ""}`,
        );
      }
      const name = input.name?.trim() || `${input.environment} SDK`;
      if (name.length > 100)
        throw new InvalidInputError("an SDK key's name is at most 100 characters");
      const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
      const saved = await store.create({
        projectId: project.id,
        environment: input.environment,
        name,
        tokenHash: hashKey(key),
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        createdBy: input.by,
        createdAt: clock.now(),
      });
      await audit.record({
        actor: input.by,
        action: "flag.sdk-key.created",
        target: `sdk-key:${saved.id}`,
        project: project.name,
        environment: input.environment,
        details: { name },
      });
      return { key, sdkKey: view(saved, project.name) };
    },

    async list(projectName: string) {
      const project = await projects.get(projectName);
      return (await store.list(project.id)).map((k) => view(k, project.name));
    },

    async revoke(projectName: string, id: number, by: string) {
      const project = await projects.get(projectName);
      const revoked = await store.revoke(project.id, id, clock.now());
      if (!revoked) throw new NotFoundError(`${project.name} has no SDK key ${id} in use`);
      remembered.clear();
      await audit.record({
        actor: by,
        action: "flag.sdk-key.revoked",
        target: `sdk-key:${id}`,
        project: project.name,
        environment: revoked.environment,
      });
      return view(revoked, project.name);
    },

    async authenticate(key: string): Promise<SdkCaller | null> {
      if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
      const hash = hashKey(key);
      const now = clock.now();
      const known = remembered.get(hash);
      if (known && known.until > now) return known.caller;
      const found = await store.byHash(hash);
      const caller =
        found && found.revokedAt === null
          ? {
              keyId: found.id,
              projectId: found.projectId,
              project: (await projects.getById(found.projectId)).name,
              environment: found.environment,
            }
          : null;
      if (remembered.size > 10_000) remembered.clear();
      remembered.set(hash, { caller, until: now + REMEMBER_MS });
      if (caller && now - (touched.get(caller.keyId) ?? 0) > TOUCH_EVERY_MS) {
        touched.set(caller.keyId, now);
        await store.touch(caller.keyId, now);
      }
      return caller;
    },
  };
}
