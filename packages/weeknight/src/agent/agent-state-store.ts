import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { type AgentStateFile, agentStateFileSchema } from "./app-record.js";

export interface AgentStateStore {
  /** The saved state; empty when the agent never ran here. */
  load(): Promise<AgentStateFile>;
  /** Writes the latest snapshot; calls made during a write are folded into one more write. */
  save(): Promise<void>;
}

/**
 * `<home>/agent/state.json`, written to a temporary file, flushed, then renamed over
 * the old one: a crash mid-write leaves either the old state or the new, never half.
 */
export function createAgentStateStore(deps: {
  path: string;
  snapshot: () => AgentStateFile;
}): AgentStateStore {
  let writing: Promise<void> | undefined;
  let again: Promise<void> | undefined;

  const write = async (): Promise<void> => {
    await mkdir(dirname(deps.path), { recursive: true, mode: 0o700 });
    const temp = `${deps.path}.tmp-${randomBytes(6).toString("hex")}`;
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(deps.snapshot(), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, deps.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  };

  const save = (): Promise<void> => {
    if (!writing) {
      writing = write().finally(() => {
        writing = undefined;
      });
      return writing;
    }
    // One write is under way with an older snapshot: queue exactly one more after it.
    again ??= writing
      .catch(() => {})
      .then(() => {
        again = undefined;
        return save();
      });
    return again;
  };

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(deps.path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, apps: {} };
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new Error(
          `${deps.path} is not valid JSON (${(error as Error).message}); restore it from a backup or delete it and let the server send the desired state again`,
        );
      }
      const result = agentStateFileSchema.safeParse(parsed);
      if (!result.success) {
        throw new Error(
          `${deps.path} does not hold an agent state this version understands: ${result.error.issues[0]?.message ?? "invalid"}; delete it and let the server send the desired state again`,
        );
      }
      return result.data;
    },
    save,
  };
}
