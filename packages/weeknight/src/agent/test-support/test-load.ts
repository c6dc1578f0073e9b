import { Agent, request } from "node:http";

export interface LoadResult {
  total: number;
  /** Non-2xx answers and requests that got no answer at all. */
  failed: number;
  byRelease: Record<string, number>;
  failures: string[];
}

export interface Load {
  stop(): Promise<LoadResult>;
}

/**
 * A steady trickle of GETs through the proxy, one at a time, as many different clients
 * (the sticky canary share is per client), over kept-alive connections.
 */
export function startLoad(url: string, options: { pauseMs?: number; clients?: number } = {}): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const result: LoadResult = { total: 0, failed: 0, byRelease: {}, failures: [] };
  const clients = options.clients ?? 100;
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const answer = await get(url, agent, `client-${i % clients}`);
      result.total += 1;
      if (answer.release)
        result.byRelease[answer.release] = (result.byRelease[answer.release] ?? 0) + 1;
      if (!(answer.status >= 200 && answer.status < 300)) {
        result.failed += 1;
        result.failures.push(`${answer.status} ${answer.detail}`);
      }
      await new Promise((r) => setTimeout(r, options.pauseMs ?? 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return result;
    },
  };
}

export interface Answer {
  status: number;
  release: string | undefined;
  detail: string;
  body: string;
}

export function get(url: string, agent: Agent | false, client?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { agent, headers: client ? { "x-weeknight-client": client } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const release = res.headers["x-weeknight-release"];
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            release: typeof release === "string" ? release : undefined,
            detail: body.slice(0, 200),
            body,
          });
        });
        res.on("error", (e) =>
          resolve({ status: 0, release: undefined, detail: e.message, body: "" }),
        );
      },
    );
    req.on("error", (e) => resolve({ status: 0, release: undefined, detail: e.message, body: "" }));
    req.end();
  });
}
