import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import * as tar from "tar";
import { InvalidInputError } from "../errors/domain-errors.js";

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Unpacks an artifact into `dir` after checking its sha256, so a corrupt or swapped
 * artifact never runs. Unpacking again into an existing dir is a no-op.
 */
export async function unpackRelease(
  artifact: { path: string; sha256: string },
  dir: string,
): Promise<void> {
  if (existsSync(dir)) return;
  const actual = await fileSha256(artifact.path);
  if (actual !== artifact.sha256) {
    throw new InvalidInputError(
      `artifact ${artifact.path} has sha256 ${actual}, expected ${artifact.sha256}: refusing to deploy a corrupt artifact`,
    );
  }
  const temp = `${dir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  await tar.x({ file: artifact.path, cwd: temp });
  mkdirSync(dirname(dir), { recursive: true });
  await rename(temp, dir);
}
