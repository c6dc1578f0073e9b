import type { EventBus } from "../events/event-bus.js";
import type { BlockService } from "./block-service.js";

/**
 * After an automatic rollback the environment stays blocked until someone confirms the fix
 * by lifting the block: the next scheduled run must not ship the same change again.
 */
export function blockAfterRollback(deps: {
  bus: EventBus;
  blocks: Pick<BlockService, "place">;
  onError?: (message: string) => void;
}): () => void {
  const onError =
    deps.onError ?? ((message: string) => console.error(`weeknight: rollback block: ${message}`));
  return deps.bus.subscribe((event) => {
    if (event.type !== "deployment.rolled-back") return;
    const { project, environment, deploymentId, buildId, detail } = event.data as {
      project: string;
      environment: string;
      deploymentId: number;
      buildId: number;
      detail: string | null;
    };
    void deps.blocks
      .place({
        project,
        environment,
        kind: "rollback",
        by: "weeknight",
        reason: `deployment ${deploymentId} of build #${buildId} was rolled back automatically${detail ? `: ${detail}` : ""}`,
      })
      .catch((error) => onError(`${project} ${environment}: ${(error as Error).message}`));
  });
}
