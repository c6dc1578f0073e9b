import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { EventBus } from "../events/event-bus.js";
import type { HttpApp } from "../http/http-app.js";

/** Prometheus metrics fed from domain events; a registry per server, never the global one. */
export function createServerMetrics(deps: { bus: EventBus }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "weeknight_process_" });
  const builds = new Counter({
    name: "weeknight_builds_total",
    help: "Finished builds by project and status",
    labelNames: ["project", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "weeknight_build_duration_seconds",
    help: "Time from a build starting to finishing",
    labelNames: ["project", "status"],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  const running = new Gauge({
    name: "weeknight_builds_running",
    help: "Builds running now",
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "weeknight_notifications_total",
    help: "Notification deliveries by channel and outcome",
    labelNames: ["channel", "status"],
    registers: [registry],
  });
  const started = new Map<number, number>();

  deps.bus.subscribe((event) => {
    const project = String(event.data.project ?? "");
    const buildId = Number(event.data.buildId);
    if (event.type === "build.started") {
      running.inc();
      started.set(buildId, event.at);
    } else if (["build.passed", "build.failed", "build.cancelled"].includes(event.type)) {
      const status = event.type.slice("build.".length);
      builds.inc({ project, status });
      const at = started.get(buildId);
      if (at !== undefined) {
        running.dec();
        started.delete(buildId);
        duration.observe({ project, status }, (event.at - at) / 1000);
      }
    } else if (event.type === "delivery.finished") {
      deliveries.inc({ channel: String(event.data.channel), status: String(event.data.status) });
    }
  });

  return {
    register(app: HttpApp) {
      app.get("/metrics", { schema: { hide: true } }, async (_request, reply) =>
        reply.header("Content-Type", registry.contentType).send(await registry.metrics()),
      );
    },
  };
}
