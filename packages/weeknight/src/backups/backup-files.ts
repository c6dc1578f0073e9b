import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Flushes a file (or directory entry) to disk so a crash after rename keeps the data. */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copies `source` to a temp file beside `target`, then renames it over `target`:
 * readers see the old file or the new one, never half of one. `beforeSwap` runs
 * between the copy (slow) and the rename (instant).
 */
export async function replaceFileAtomically(
  source: string,
  target: string,
  beforeSwap: () => Promise<void> = async () => {},
): Promise<void> {
  const temp = join(
    dirname(target),
    `.${basename(target)}.weeknight-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await copyFile(source, temp);
    await fsyncPath(temp);
    await beforeSwap();
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncPath(dirname(target));
}
