import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { InvalidInputError } from "../errors/domain-errors.js";

/**
 * Artifacts uploaded to a remote agent, stored by sha256 under `<home>/agent/artifacts/`.
 * A release whose artifact is here uses this copy; otherwise its `artifactPath` (a path
 * on the agent's machine, which is the server's own path when the agent is local).
 */
export interface AgentArtifacts {
  has(sha256: string): boolean;
  pathFor(sha256: string): string;
  /** Streams an upload to disk, checking its sha256 before it is kept. */
  store(sha256: string, body: NodeJS.ReadableStream): Promise<{ size: number }>;
}

/** Far beyond any app artifact; stops a runaway upload from filling the disk. */
const MAX_ARTIFACT_BYTES = 4 * 1024 ** 3;
const SHA256 = /^[a-f0-9]{64}$/;

export function createAgentArtifacts(deps: { dir: string }): AgentArtifacts {
  const pathFor = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new InvalidInputError(`not a sha256: ${sha256}`);
    return join(deps.dir, `${sha256}.tar.gz`);
  };
  return {
    has: (sha256) => SHA256.test(sha256) && existsSync(pathFor(sha256)),
    pathFor,
    async store(sha256, body) {
      const target = pathFor(sha256);
      mkdirSync(deps.dir, { recursive: true });
      const temp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
      const hash = createHash("sha256");
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > MAX_ARTIFACT_BYTES) {
            done(new InvalidInputError(`artifact larger than ${MAX_ARTIFACT_BYTES} bytes`));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, measure, createWriteStream(temp));
        const actual = hash.digest("hex");
        if (actual !== sha256) {
          throw new InvalidInputError(
            `uploaded artifact does not match its sha256: expected ${sha256}, got ${actual} — the upload was cut or changed; send it again`,
          );
        }
        await rename(temp, target);
        return { size };
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
}
