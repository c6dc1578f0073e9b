import type { RoutesPlugin } from "../http/http-app.js";
import { readinessRoutes } from "../readiness/readiness-routes.js";
import {
  createReadinessService,
  type ReadinessServiceDeps,
} from "../readiness/readiness-service.js";
import { statsRoutes } from "../stats/stats-routes.js";
import { createStatsService } from "../stats/stats-service.js";

/**
 * The team's scoreboard, wired: DORA metrics and the readiness checklist. Both are computed from
 * configuration and history on request (ADR 0008), so they own no table and start nothing.
 */
export function scoreboardRoutes(
  deps: ReadinessServiceDeps & Parameters<typeof createStatsService>[0],
): RoutesPlugin[] {
  return [
    readinessRoutes({ readiness: createReadinessService(deps) }),
    statsRoutes({ stats: createStatsService(deps) }),
  ];
}
