export interface Project {
  id: number;
  name: string;
  repoUrl: string;
  branch: string;
  pollIntervalMs: number;
  createdAt: number;
  lastPolledAt: number | null;
  lastSeenSha: string | null;
}

export interface ProjectStore {
  create(
    input: Omit<Project, "id" | "lastPolledAt" | "lastSeenSha"> & { webhookSecret: string },
  ): Promise<Project>;
  get(name: string): Promise<Project | null>;
  getById(id: number): Promise<Project | null>;
  list(): Promise<Project[]>;
  remove(id: number): Promise<void>;
  webhookSecret(id: number): Promise<string>;
  markPolled(id: number, at: number): Promise<void>;
  /** Compare-and-set of the last seen head, so two triggers never build the same push twice. */
  advanceHead(id: number, from: string | null, to: string): Promise<boolean>;
  setSecret(projectId: number, name: string, value: string, at: number): Promise<void>;
  deleteSecret(projectId: number, name: string): Promise<boolean>;
  listSecrets(projectId: number): Promise<{ name: string; updatedAt: number }[]>;
  secretValues(projectId: number): Promise<Record<string, string>>;
}
