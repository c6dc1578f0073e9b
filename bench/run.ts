/**
 * `npm run bench -- <name>`: runs one benchmark; each prints one JSON line last.
 */
import { apiBench } from "./api-bench.js";
import { bundleBench } from "./bundle-bench.js";
import { flagsBench } from "./flags-bench.js";
import { logsBench } from "./logs-bench.js";
import { monitorsBench } from "./monitors-bench.js";
import { ofrepBench } from "./ofrep-bench.js";
import { pipelineBench } from "./pipeline-bench.js";
import { rollbackBench } from "./rollback-bench.js";

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  api: apiBench,
  bundle: bundleBench,
  flags: flagsBench,
  monitors: monitorsBench,
  logs: logsBench,
  ofrep: ofrepBench,
  pipeline: pipelineBench,
  rollback: rollbackBench,
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join("|")}>`);
  process.exit(2);
}
const result = await bench();
console.log(JSON.stringify(result));
process.exit(0);
