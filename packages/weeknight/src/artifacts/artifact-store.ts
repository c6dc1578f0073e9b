import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";

export interface StoredArtifact {
  sha256: string;
  size: number;
}

export interface ArtifactStore {
  /** Packs `paths` of `workspace` into a tar.gz, stored once by its sha256. */
  pack(input: { workspace: string; paths: string[]; exclude: string[] }): Promise<StoredArtifact>;
  open(sha256: string): NodeJS.ReadableStream;
  pathOf(sha256: string): string;
}

/** Fixed mtimes and no owners, so the same files always give the same sha256. */
const FIXED_MTIME = new Date(0);

export function createArtifactStore(deps: { dir: string }): ArtifactStore {
  mkdirSync(deps.dir, { recursive: true });
  const pathOf = (sha256: string) => {
    if (!/^[a-f0-9]{64}$/.test(sha256)) throw new InvalidInputError(`not a sha256: ${sha256}`);
    return join(deps.dir, sha256.slice(0, 2), `${sha256}.tar.gz`);
  };

  return {
    async pack({ workspace, paths, exclude }) {
      const root = resolve(workspace);
      const missing = paths.filter((p) => !existsSync(resolve(root, p)));
      if (missing.length > 0) {
        throw new InvalidInputError(
          `artifact path${missing.length > 1 ? "s" : ""} not found after the build: ${missing.join(", ")} (build.artifact.paths in weeknight.yml)`,
        );
      }
      const excluded = exclude.map((e) => e.replace(/\/+$/, ""));
      const isExcluded = (path: string) => {
        const rel = relative(root, resolve(root, path));
        return excluded.some((e) => rel === e || rel.startsWith(`${e}/`));
      };
      const temp = join(deps.dir, `.tmp-${randomBytes(8).toString("hex")}.tar.gz`);
      const hash = createHash("sha256");
      let size = 0;
      const out = createWriteStream(temp);
      const stream = tar.c(
        {
          gzip: true,
          cwd: root,
          portable: true,
          mtime: FIXED_MTIME,
          filter: (p) => !isExcluded(p),
        },
        paths,
      );
      stream.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      try {
        await pipeline(stream, out);
        const sha256 = hash.digest("hex");
        const target = pathOf(sha256);
        mkdirSync(dirname(target), { recursive: true });
        if (existsSync(target)) await rm(temp);
        else await rename(temp, target);
        return { sha256, size };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    open(sha256) {
      const path = pathOf(sha256);
      if (!existsSync(path))
        throw new NotFoundError(`artifact ${sha256} is missing from the artifact store`);
      return createReadStream(path);
    },
    pathOf,
  };
}
