import type { ApiClient } from "./api-client.js";
import { type Deployment, type DomainEvent, finishedSteps } from "./api-types.js";

/**
 * Starts a deployment and reports each step until it ends. The event stream is opened
 * first, so a step taken at once cannot slip past unseen.
 */
export async function deployAndWatch(
  client: ApiClient,
  project: string,
  start: () => Promise<Deployment>,
  onStep: (event: DomainEvent) => void,
): Promise<Deployment> {
  const abort = new AbortController();
  try {
    const stream = await client.events("/events", { types: "deployment.*", project }, abort.signal);
    const deployment = await start();
    if (!finishedSteps.has(deployment.step)) {
      for await (const message of stream) {
        const event = JSON.parse(message.data) as DomainEvent;
        if (event.data.deploymentId !== deployment.id || event.type === "deployment.log") continue;
        onStep(event);
        if (finishedSteps.has(String(event.data.step))) break;
      }
    }
    return await client.get<Deployment>(`/deployments/${deployment.id}`);
  } finally {
    abort.abort();
  }
}
