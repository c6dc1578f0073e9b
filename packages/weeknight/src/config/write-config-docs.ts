// Regenerates the files derived from the config schema; config-reference.test.ts fails until they match.
// Run: npx tsx packages/weeknight/src/config/write-config-docs.ts
import { writeFileSync } from "node:fs";
import { generatedConfigFiles } from "./config-reference.js";

for (const file of generatedConfigFiles()) {
  writeFileSync(file.path, file.render());
  console.log(`wrote ${file.name}`);
}
