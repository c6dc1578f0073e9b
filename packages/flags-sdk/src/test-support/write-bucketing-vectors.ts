/**
 * Writes test-vectors/bucketing.json from unleash-client itself (its murmurhash3js, its
 * normalizedStrategyValue/normalizedVariantValue and its variant selection), never from our
 * code. Run: npx tsx packages/flags-sdk/src/test-support/write-bucketing-vectors.ts
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const unleashMain = require.resolve("unleash-client");
const fromUnleash = createRequire(unleashMain);
const murmur = fromUnleash("murmurhash3js") as {
  x86: { hash32(key: string, seed?: number): number };
};
const util = fromUnleash("./strategy/util.js") as {
  normalizedStrategyValue(id: string, groupId: string): number;
  normalizedVariantValue(id: string, groupId: string, normalizer: number): number;
};
const variant = fromUnleash("./variant.js") as {
  selectVariantDefinition(
    groupId: string,
    stickiness: string | undefined,
    variants: { name: string; weight: number }[],
    context: Record<string, string>,
  ): { name: string } | null;
};
const version = (fromUnleash("../package.json") as { version: string }).version;

const KEYS = [
  "",
  "a",
  "ab",
  "abc",
  "abcd",
  "123",
  "999",
  "user-1",
  "user-42@example.com",
  "josé",
  "Müller",
  "用户",
  "東京商事",
  "🦄",
  "🦄🚀x",
  "Ωμέγα",
  "e\u0301",
  "\u0000\u0100\u0200",
  "a:b:c",
  " leading and trailing ",
];
const GROUPS = ["gr1", "groupX", "new-checkout", "shared-group", "", "grüppe", "🧪"];

const hash32 = KEYS.flatMap((key) =>
  [0, 1, 25, 86028157].map((seed) => ({ key, seed, hash: murmur.x86.hash32(key, seed) })),
);
const strategy = GROUPS.flatMap((groupId) =>
  KEYS.map((id) => ({ id, groupId, value: util.normalizedStrategyValue(id, groupId) })),
);
const variants = GROUPS.flatMap((groupId) =>
  KEYS.map((id, i) => {
    const totalWeight = [1000, 3, 100, 7][i % 4] as number;
    return {
      id,
      groupId,
      totalWeight,
      value: util.normalizedVariantValue(id, groupId, totalWeight),
    };
  }),
);
const DEFINITIONS = [
  { name: "control", weight: 500 },
  { name: "off", weight: 0 },
  { name: "treatment", weight: 300 },
  { name: "holdout", weight: 200 },
];
const variantPicks = KEYS.filter((k) => k !== "").flatMap((userId) =>
  ["new-checkout", "🧪"].map((groupId) => ({
    userId,
    groupId,
    variants: DEFINITIONS,
    picked: variant.selectVariantDefinition(groupId, "default", DEFINITIONS, { userId })?.name,
  })),
);

const file = fileURLToPath(new URL("../../test-vectors/bucketing.json", import.meta.url));
const vectors = {
  description:
    "Unleash-compatible bucketing. hash32: MurmurHash3 x86 32-bit of a JS string read as the low byte of each UTF-16 code unit. strategy: murmur3(`${groupId}:${id}`, 0) % 100 + 1. variants: murmur3(`${groupId}:${id}`, 86028157) % totalWeight + 1. variantPicks: the variant unleash-client selects for a context { userId } with default stickiness.",
  generatedBy: `unleash-client ${version} (murmurhash3js, lib/strategy/util.js, lib/variant.js)`,
  hash32,
  strategy,
  variants,
  variantPicks,
};
writeFileSync(file, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(
  `wrote ${file}: ${hash32.length + strategy.length + variants.length + variantPicks.length} vectors`,
);
