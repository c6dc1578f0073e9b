import { request } from "node:http";
import type { DeploymentView } from "../deployments/deployment-service.js";
import type { RunningServer } from "../main/server.js";

const FINAL = ["succeeded", "rolled-back", "failed"];

/** Waits for the deployment of `buildId` to `environment` to start and then to finish. */
export async function deploymentOf(
  server: RunningServer,
  environment: string,
  buildId: number,
  timeoutMs = 120_000,
): Promise<DeploymentView> {
  const { deployments } = server.services;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = (
      await deployments.list({ project: "sample-app", environment, limit: 5 })
    ).filter((d) => d.buildId === buildId);
    if (found && FINAL.includes(found.step)) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `build ${buildId} did not finish deploying to ${environment} within ${timeoutMs / 1000} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Customers using the site: steady requests to `url` until `until` settles; counts the answers. */
export async function withTraffic<T>(
  url: string,
  until: Promise<T>,
): Promise<{ result: T; ok: number; errors: number }> {
  let done = false;
  let ok = 0;
  let errors = 0;
  const customer = async (id: number) => {
    while (!done) {
      const status = await get(url, `customer-${id}`);
      if (status >= 200 && status < 400) ok++;
      else errors++;
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  const customers = Array.from({ length: 4 }, (_, i) => customer(i));
  try {
    const result = await until;
    return { result, ok, errors };
  } finally {
    done = true;
    await Promise.all(customers);
  }
}

function get(url: string, client: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { "x-weeknight-client": client } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
    req.end();
  });
}
