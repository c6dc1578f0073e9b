import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { createGitMirror, type GitMirror } from "../sources/git-mirror.js";
import type { Project, ProjectStore } from "./project-store.js";

export const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/;

export interface ProjectService {
  add(input: { name: string; repoUrl: string; branch: string; pollIntervalMs: number }): Promise<{
    project: Project;
    webhookSecret: string;
    head: string | null;
  }>;
  list(): Promise<Project[]>;
  get(name: string): Promise<Project>;
  getById(id: number): Promise<Project>;
  remove(name: string): Promise<void>;
  webhookSecret(project: Project): Promise<string>;
  mirror(project: Project): GitMirror;
  markPolled(project: Project, at: number): Promise<void>;
  advanceHead(project: Project, from: string | null, to: string): Promise<boolean>;
  setSecret(projectName: string, name: string, value: string): Promise<void>;
  deleteSecret(projectName: string, name: string): Promise<void>;
  listSecrets(projectName: string): Promise<{ name: string; updatedAt: number }[]>;
  secretValues(project: Project): Promise<Record<string, string>>;
}

export function createProjectService(deps: {
  store: ProjectStore;
  clock: Clock;
  /** Where bare mirrors of the projects' repositories are kept. */
  reposDir: string;
}): ProjectService {
  const { store, clock } = deps;
  const mirrorDir = (project: Project) => join(deps.reposDir, `${project.id}.git`);
  // One mirror object per project, so its fetches are serialised.
  const mirrors = new Map<number, GitMirror>();

  function mirror(project: Project): GitMirror {
    let found = mirrors.get(project.id);
    if (!found) {
      found = createGitMirror({
        repoUrl: project.repoUrl,
        mirrorDir: mirrorDir(project),
      });
      mirrors.set(project.id, found);
    }
    return found;
  }

  async function get(name: string): Promise<Project> {
    const project = await store.get(name);
    if (!project) throw new NotFoundError(`no project "${name}": see \`weeknight project list\``);
    return project;
  }

  return {
    async add(input) {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.name)) {
        throw new InvalidInputError(
          `invalid project name "${input.name}": use lower-case letters, digits and "-" (at most 63), e.g. "my-app"`,
        );
      }
      if (!input.repoUrl.trim())
        throw new InvalidInputError("--repo is required: a path or URL git can clone");
      if (await store.get(input.name))
        throw new ConflictError(`project "${input.name}" already exists`);
      const webhookSecret = randomBytes(24).toString("hex");
      const project = await store.create({ ...input, webhookSecret, createdAt: clock.now() });
      try {
        // Fail now, with git's own words, rather than at the first poll.
        const head = await mirror(project).sync(project.branch);
        return { project, webhookSecret, head };
      } catch (error) {
        mirrors.delete(project.id);
        await store.remove(project.id);
        throw new InvalidInputError((error as Error).message);
      }
    },
    list: () => store.list(),
    get,
    async getById(id) {
      const project = await store.getById(id);
      if (!project) throw new NotFoundError(`no project with id ${id}`);
      return project;
    },
    async remove(name) {
      const project = await get(name);
      mirrors.delete(project.id);
      await store.remove(project.id);
      // SQLite may hand the id to the next project: its mirror must not inherit this one.
      await rm(mirrorDir(project), { recursive: true, force: true });
    },
    webhookSecret: (project) => store.webhookSecret(project.id),
    mirror,
    markPolled: (project, at) => store.markPolled(project.id, at),
    advanceHead: (project, from, to) => store.advanceHead(project.id, from, to),
    async setSecret(projectName, name, value) {
      if (!SECRET_NAME.test(name)) {
        throw new InvalidInputError(
          `invalid secret name "${name}": use upper-case letters, digits and "_", as in \${${name.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}}`,
        );
      }
      if (value.length === 0) throw new InvalidInputError(`secret ${name} has an empty value`);
      const project = await get(projectName);
      await store.setSecret(project.id, name, value, clock.now());
    },
    async deleteSecret(projectName, name) {
      const project = await get(projectName);
      if (!(await store.deleteSecret(project.id, name))) {
        throw new NotFoundError(`project ${projectName} has no secret ${name}`);
      }
    },
    async listSecrets(projectName) {
      return store.listSecrets((await get(projectName)).id);
    },
    secretValues: (project) => store.secretValues(project.id),
  };
}
