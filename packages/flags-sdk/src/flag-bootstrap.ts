import { readFile } from "node:fs/promises";
import type { FlagSet } from "./flag-types.js";

/** Flags to start with before (or without) reaching the server. */
export type FlagBootstrap = FlagSet | { file: string };

export type ReadTextFile = (path: string) => Promise<string>;

const readUtf8: ReadTextFile = (path) => readFile(path, "utf8");

/** True when the bootstrap is an in-memory flag set, usable synchronously. */
export function isInlineBootstrap(bootstrap: FlagBootstrap): bootstrap is FlagSet {
  return !("file" in bootstrap && typeof bootstrap.file === "string");
}

/**
 * The bootstrap as JSON text, checked later like a server answer. A file is typically saved from
 * `GET /api/v1/sdk/flags` (for instance at build time), so an unchanged server set is recognised.
 */
export async function readBootstrap(
  bootstrap: FlagBootstrap,
  read: ReadTextFile = readUtf8,
): Promise<string> {
  if (isInlineBootstrap(bootstrap)) return JSON.stringify(bootstrap);
  return (await read(bootstrap.file)).trim();
}
