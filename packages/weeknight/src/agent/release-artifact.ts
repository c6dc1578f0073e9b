import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar";
import { InvalidInputError } from "../errors/domain-errors.js";

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * Verifies a release's artifact and unpacks it into `dir`. The artifact is checked
 * before anything is written, and unpacked beside `dir` then renamed into place, so a
 * release directory that exists is always complete. Installing twice is a no-op.
 */
export async function installRelease(input: {
  releaseId: string;
  artifactPath: string;
  sha256: string;
  dir: string;
}): Promise<void> {
  const { releaseId, artifactPath, sha256, dir } = input;
  if (existsSync(dir)) return;
  if (!existsSync(artifactPath)) {
    throw new InvalidInputError(
      `artifact of release ${releaseId} not found at ${artifactPath} on the agent's machine — for a remote agent, copy the artifact there first`,
    );
  }
  const actual = await sha256OfFile(artifactPath);
  if (actual !== sha256) {
    throw new InvalidInputError(
      `artifact of release ${releaseId} does not match its sha256: expected ${sha256}, got ${actual} (${artifactPath}). The file is corrupt or was replaced, so nothing was started; rebuild or copy the artifact again.`,
      { releaseId, expected: sha256, actual },
    );
  }
  await mkdir(dirname(dir), { recursive: true });
  const temp = `${dir}.tmp-${randomBytes(6).toString("hex")}`;
  await mkdir(temp);
  try {
    // tar's defaults refuse absolute paths and `..`, so an artifact cannot write outside `temp`.
    await tar.x({ file: artifactPath, cwd: temp, strict: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new InvalidInputError(
      `could not unpack the artifact of release ${releaseId} (${artifactPath}): ${(error as Error).message}`,
    );
  }
}
