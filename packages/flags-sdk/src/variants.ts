import { fieldReader, present } from "./context-fields.js";
import type { Context, Variant, VariantResult } from "./flag-types.js";
import { type HashPrefix, hashPrefix, hashWithPrefix, VARIANT_SEED } from "./murmur3.js";

export const DISABLED: VariantResult = Object.freeze({
  name: "disabled",
  enabled: false,
  featureEnabled: false,
});
/** The flag is on but serves no variant. */
export const DISABLED_ON: VariantResult = Object.freeze({
  name: "disabled",
  enabled: false,
  featureEnabled: true,
});

/** Variants compiled once: weights, the hash state of `groupId:`, and shared result objects. */
export interface CompiledVariants {
  pick(context: Context): VariantResult | undefined;
}

/**
 * Unleash's variant seed: a custom field (missing or empty → random), or by default the first
 * non-empty of userId, sessionId, remoteAddress (top-level only), else random.
 */
function seedReader(stickiness: string, random: () => number): (context: Context) => string {
  const randomSeed = () => String(Math.round(random() * 100000));
  if (stickiness !== "default") {
    const read = fieldReader(stickiness);
    return (c) => read(c) || randomSeed();
  }
  return (c) =>
    present(c.userId)
      ? c.userId
      : present(c.sessionId)
        ? c.sessionId
        : present(c.remoteAddress)
          ? c.remoteAddress
          : randomSeed();
}

/** Undefined when there is nothing to pick from (no variants, or weights summing to ≤ 0). */
export function compileVariants(
  variants: readonly Variant[] | undefined,
  groupId: string,
  stickiness: string,
  random: () => number,
): CompiledVariants | undefined {
  if (!Array.isArray(variants) || variants.length === 0) return undefined;
  const weights = variants.map((v) => (typeof v.weight === "number" ? v.weight : Number(v.weight)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (!(total > 0)) return undefined;
  const results: VariantResult[] = variants.map((v) =>
    Object.freeze(
      v.payload === undefined
        ? { name: v.name, enabled: true, featureEnabled: true }
        : { name: v.name, enabled: true, featureEnabled: true, payload: Object.freeze(v.payload) },
    ),
  );
  const prefix: HashPrefix = hashPrefix(`${groupId}:`, VARIANT_SEED);
  const seedOf = seedReader(stickiness, random);
  const n = variants.length;
  return {
    pick(context) {
      const target = (hashWithPrefix(prefix, seedOf(context)) % total) + 1;
      let counter = 0;
      for (let i = 0; i < n; i++) {
        const w = weights[i] as number;
        if (w === 0) continue;
        counter += w;
        if (counter >= target) return results[i];
      }
      return undefined;
    },
  };
}
