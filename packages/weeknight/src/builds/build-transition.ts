import type { BuildStatus } from "./build-store.js";

/** A build that changed the project's state: it broke a green branch, or fixed a red one. */
export type BuildTransition = "broke" | "fixed";

type PageBuild = { id: number; projectId: number; status: BuildStatus };
type Bound = { projectId: number; beforeId: number };

/**
 * What must be looked up to tell each build's transition: for a contiguous page (every
 * build of its projects in the id range), only the newest finished build before each
 * project's oldest; for a filtered page (by status) the one before every build.
 */
export function transitionBounds(builds: PageBuild[], contiguous: boolean): Bound[] {
  if (!contiguous) return builds.map((b) => ({ projectId: b.projectId, beforeId: b.id }));
  const oldest = new Map<number, number>();
  for (const build of builds) {
    oldest.set(build.projectId, Math.min(build.id, oldest.get(build.projectId) ?? build.id));
  }
  return [...oldest].map(([projectId, beforeId]) => ({ projectId, beforeId }));
}

/**
 * Each build's transition, given the statuses found for `transitionBounds` (same order).
 * A passed/failed build is compared with the project's newest finished build before it.
 */
export function buildTransitions(
  builds: PageBuild[],
  bounds: Bound[],
  found: (BuildStatus | null)[],
): Map<number, BuildTransition | null> {
  const before = new Map(bounds.map((b, i) => [`${b.projectId}:${b.beforeId}`, found[i] ?? null]));
  const result = new Map<number, BuildTransition | null>();
  const latest = new Map<number, BuildStatus | null>();
  for (const build of [...builds].sort((a, b) => a.id - b.id)) {
    const bound = before.get(`${build.projectId}:${build.id}`);
    const previous = bound !== undefined ? bound : (latest.get(build.projectId) ?? null);
    result.set(build.id, transition(previous, build.status));
    if (build.status === "passed" || build.status === "failed") {
      latest.set(build.projectId, build.status);
    }
  }
  return result;
}

export function transition(
  previous: BuildStatus | null,
  status: BuildStatus,
): BuildTransition | null {
  if (status === "failed" && previous === "passed") return "broke";
  if (status === "passed" && previous === "failed") return "fixed";
  return null;
}
