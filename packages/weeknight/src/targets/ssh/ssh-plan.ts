import type { SshTargetConfig } from "../../config/config-schema.js";
import type { ReleaseSpec } from "../target.js";
import {
  cleanupCommand,
  extractCommand,
  healthCommand,
  inDirCommand,
  mkdirCommand,
  pruneCommand,
  type ReleasePaths,
  releasePaths,
  removeTarballCommand,
  switchCommand,
  verifyCommand,
} from "./ssh-commands.js";

/**
 * What the ssh target will do, as plain data: `ssh-target.ts` only carries it out. Every step
 * names its host and says, in `failure`, what a user is told when it goes wrong.
 */
export type SshStep =
  | { host: string; kind: "upload"; from: string; to: string; failure: string }
  | { host: string; kind: "exec"; command: string; failure: string }
  | { host: string; kind: "symlink"; release: string; command: string; failure: string }
  | { host: string; kind: "health"; command: string; timeoutMs: number; failure: string };

/** Hosts switched together. A host's steps in a phase run in order; hosts run side by side. */
export interface SshBatch {
  hosts: string[];
  /** Upload, verify, unpack and set up the release; nothing serves it yet. */
  prepare: SshStep[];
  /** Removes the unused release when any host of the batch failed `prepare`. */
  discard: SshStep[];
  /** Points `current` at the release and restarts the app. */
  switch: SshStep[];
  health: SshStep[];
  /** Back to the previous release, checked healthy; empty on a first deploy, which has none. */
  revert: SshStep[];
}

export interface SshPlan {
  release: string;
  previous: string | null;
  batches: SshBatch[];
  /** Run once every batch is healthy. */
  prune: SshStep[];
}

export interface SshRollbackPlan {
  release: string;
  switch: SshStep[];
  health: SshStep[];
}

export function planSshDeploy(
  config: SshTargetConfig,
  release: ReleaseSpec,
  previous: ReleaseSpec | null,
): SshPlan {
  const paths = releasePaths(config.path, release.id);
  const back =
    previous && previous.id !== release.id ? releasePaths(config.path, previous.id) : null;
  const batches = chunk(config.hosts, config.batch).map(
    (hosts): SshBatch => ({
      hosts,
      prepare: hosts.flatMap((host) => prepareSteps(config, host, paths, release.artifact)),
      // A redeploy of the release that serves now must not delete what serves.
      discard: previous?.id === release.id ? [] : hosts.map((host) => discardStep(host, paths)),
      switch: hosts.flatMap((host) => switchSteps(config, host, paths)),
      health: hosts.flatMap((host) => healthSteps(config, host, release)),
      revert:
        previous && back ? hosts.flatMap((host) => revertSteps(config, host, back, previous)) : [],
    }),
  );
  const protectedIds = back ? [release.id, back.id] : [release.id];
  const prune = config.hosts.map(
    (host): SshStep => ({
      host,
      kind: "exec",
      command: pruneCommand(paths.base, config.keep, protectedIds),
      failure: `could not remove releases beyond the newest ${config.keep}`,
    }),
  );
  return { release: release.id, previous: back?.id ?? null, batches, prune };
}

/** Every host at once: a rollback is meant to be fast. */
export function planSshRollback(config: SshTargetConfig, to: ReleaseSpec): SshRollbackPlan {
  const paths = releasePaths(config.path, to.id);
  return {
    release: to.id,
    switch: config.hosts.flatMap((host) => switchSteps(config, host, paths)),
    health: config.hosts.flatMap((host) => healthSteps(config, host, to)),
  };
}

function prepareSteps(
  config: SshTargetConfig,
  host: string,
  paths: ReleasePaths,
  artifact: ReleaseSpec["artifact"],
): SshStep[] {
  const exec = (command: string, failure: string): SshStep => ({
    host,
    kind: "exec",
    command,
    failure,
  });
  const steps: SshStep[] = [
    exec(mkdirCommand(paths), `could not create ${paths.dir}`),
    {
      host,
      kind: "upload",
      from: artifact.path,
      to: paths.tarball,
      failure: `could not upload the artifact to ${paths.tarball}`,
    },
    exec(
      verifyCommand(paths, artifact.sha256),
      `the uploaded artifact does not match its sha256 ${artifact.sha256} — it is corrupt; nothing was switched`,
    ),
    exec(extractCommand(paths), `could not unpack the artifact into ${paths.dir}`),
    exec(removeTarballCommand(paths), `could not remove ${paths.tarball}`),
  ];
  if (config.setup !== undefined) {
    steps.push(
      exec(
        inDirCommand(paths.dir, config.setup),
        `setup \`${config.setup}\` failed in ${paths.dir}; nothing was switched`,
      ),
    );
  }
  return steps;
}

function discardStep(host: string, paths: ReleasePaths): SshStep {
  return {
    host,
    kind: "exec",
    command: cleanupCommand(paths),
    failure: `could not remove the unused release ${paths.dir}`,
  };
}

function switchSteps(config: SshTargetConfig, host: string, paths: ReleasePaths): SshStep[] {
  return [
    {
      host,
      kind: "symlink",
      release: paths.id,
      command: switchCommand(paths),
      failure: `could not point ${paths.base}/current at ${paths.link}`,
    },
    {
      host,
      kind: "exec",
      command: inDirCommand(`${paths.base}/current`, config.restart),
      failure: `restart \`${config.restart}\` failed`,
    },
  ];
}

function revertSteps(
  config: SshTargetConfig,
  host: string,
  paths: ReleasePaths,
  previous: ReleaseSpec,
): SshStep[] {
  return [...switchSteps(config, host, paths), ...healthSteps(config, host, previous)];
}

function healthSteps(config: SshTargetConfig, host: string, release: ReleaseSpec): SshStep[] {
  // Without a port there is nothing to ask; the restart command's exit code is all we know.
  if (config.port === undefined) return [];
  return [
    {
      host,
      kind: "health",
      command: healthCommand(config.port, release.health.path),
      timeoutMs: release.health.timeoutMs,
      failure: `release ${release.id} did not answer http://127.0.0.1:${config.port}${release.health.path} with 2xx within ${release.health.timeoutMs / 1000} s`,
    },
  ];
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
