import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { streamSse } from "../http/http-sse.js";
import type { DomainEvent, EventBus } from "./event-bus.js";

const eventsQuery = z.object({
  types: z
    .string()
    .optional()
    .describe("comma-separated event types or prefixes ending in `*`, e.g. `build.*,delivery.*`"),
  project: z.string().optional().describe("only events of this project"),
});

export function eventRoutes(deps: { bus: EventBus }): RoutesPlugin {
  return (app) => {
    app.get(
      "/events",
      {
        schema: {
          summary: "Server-Sent-Events stream of domain events",
          description:
            "Each event is `event: <type>`, `id: <n>`, `data: <json>`. Reconnect with `Last-Event-ID` to replay missed events.",
          querystring: eventsQuery,
          tags: ["events"],
        },
      },
      (request, reply) => {
        const match = eventFilter(request.query);
        // Only a reconnecting client (one that sends Last-Event-ID) gets the missed events replayed.
        const lastId = Number(request.headers["last-event-id"]);
        streamSse(request, reply, (send) => {
          if (Number.isInteger(lastId)) {
            for (const event of deps.bus.since(lastId)) if (match(event)) send(asSse(event));
          }
          return deps.bus.subscribe((event) => {
            if (match(event)) send(asSse(event));
          });
        });
      },
    );
  };
}

export function eventFilter(query: z.infer<typeof eventsQuery>): (event: DomainEvent) => boolean {
  const patterns = (query.types ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return (event) => {
    if (query.project && event.data.project !== query.project) return false;
    if (patterns.length === 0) return true;
    return patterns.some((p) =>
      p.endsWith("*") ? event.type.startsWith(p.slice(0, -1)) : event.type === p,
    );
  };
}

function asSse(event: DomainEvent) {
  return { id: event.id, type: event.type, data: event };
}
