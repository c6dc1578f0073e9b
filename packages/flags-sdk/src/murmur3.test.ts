import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compileFlags } from "./evaluate.js";
import {
  hashPrefix,
  hashWithPrefix,
  murmur3,
  normalizedValue,
  normalizedVariantValue,
  VARIANT_SEED,
} from "./murmur3.js";
import { seededRandom } from "./test-support/flag-fixtures.js";

interface Vectors {
  hash32: { key: string; seed: number; hash: number }[];
  strategy: { id: string; groupId: string; value: number }[];
  variants: { id: string; groupId: string; totalWeight: number; value: number }[];
  variantPicks: {
    userId: string;
    groupId: string;
    variants: { name: string; weight: number }[];
    picked: string;
  }[];
}
const vectors: Vectors = JSON.parse(
  readFileSync(new URL("../test-vectors/bucketing.json", import.meta.url), "utf8"),
);

describe("murmur3 x86 32-bit", () => {
  it("matches published MurmurHash3_x86_32 vectors (SMHasher, murmurhash3js's suite)", () => {
    expect(murmur3("", 0)).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("", 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3("\0\0\0\0", 0)).toBe(0x2362f9de);
    expect(murmur3("aaaa", 0x9747b28c)).toBe(0x5a97808a);
    expect(murmur3("a", 0x9747b28c)).toBe(0x7fa09ea6);
    expect(murmur3("abc", 0x9747b28c)).toBe(0xc84a62dd);
    expect(murmur3("Hello, world!", 0x9747b28c)).toBe(0x24884cba);
    expect(murmur3("The quick brown fox jumps over the lazy dog", 0x9747b28c)).toBe(0x2fa826cd);
    expect(murmur3("I will not buy this record, it is scratched.")).toBe(2832214938);
    expect(murmur3("My hovercraft is full of eels.", 25)).toBe(2520298415);
    expect(murmur3("01234")).toBe(433070448);
  });

  it("reads a string as the low byte of each UTF-16 code unit, like unleash-client", () => {
    // "é" is U+00E9: one code unit, byte 0xE9 (UTF-8 would be C3 A9).
    expect(murmur3("é")).toBe(murmur3("\u00e9"));
    expect(murmur3("é")).toBe(murmur3("\u01e9")); // same low byte
    expect(murmur3("é")).not.toBe(murmur3("\u00c3\u00a9")); // not UTF-8
    // U+1F984 is the surrogate pair D83E DD84: bytes 3E 84.
    expect(murmur3("🦄")).toBe(murmur3("\u013e\u0284"));
  });

  it("matches Unleash's cross-client bucketing examples", () => {
    expect(normalizedValue("123", "gr1")).toBe(73);
    expect(normalizedValue("999", "groupX")).toBe(25);
  });

  it("hashing a prefix state then the key equals hashing the concatenation", () => {
    const random = seededRandom(3);
    const alphabet = ["a", "Z", "0", ":", "é", "中", "😀", "\u0000", " "];
    for (let n = 0; n < 2000; n++) {
      const text = (len: number) =>
        Array.from({ length: len }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
          "",
        );
      const prefix = text(Math.floor(random() * 9));
      const key = text(Math.floor(random() * 13));
      const seed = n % 2 ? 0 : VARIANT_SEED;
      expect(hashWithPrefix(hashPrefix(prefix, seed), key)).toBe(murmur3(prefix + key, seed));
    }
  });

  it("equals unleash-client's own hash and bucketing on generated keys", () => {
    const fromUnleash = createRequire(createRequire(import.meta.url).resolve("unleash-client"));
    const theirs = fromUnleash("murmurhash3js").x86.hash32 as (k: string, s: number) => number;
    const util = fromUnleash("./strategy/util.js");
    const random = seededRandom(5);
    const alphabet = ["u", "7", "-", "ß", "用", "🚀", "\ud800", "\uffff", "@"];
    for (let n = 0; n < 3000; n++) {
      let key = "";
      for (let i = Math.floor(random() * 24); i > 0; i--) {
        key += alphabet[Math.floor(random() * alphabet.length)];
      }
      expect(murmur3(key, n)).toBe(theirs(key, n));
      expect(normalizedValue(key, "g")).toBe(util.normalizedStrategyValue(key, "g"));
      expect(normalizedVariantValue(key, "g", 7)).toBe(util.normalizedVariantValue(key, "g", 7));
    }
  });
});

describe("published test vectors (test-vectors/bucketing.json, made by unleash-client)", () => {
  it("has vectors for every part", () => {
    expect(vectors.hash32.length).toBeGreaterThan(50);
    expect(vectors.strategy.length).toBeGreaterThan(100);
    expect(vectors.variants.length).toBeGreaterThan(100);
    expect(vectors.variantPicks.length).toBeGreaterThan(20);
  });

  it("hash32", () => {
    for (const v of vectors.hash32)
      expect([v.key, murmur3(v.key, v.seed)]).toEqual([v.key, v.hash]);
  });

  it("strategy (percentage) buckets", () => {
    for (const v of vectors.strategy) {
      expect([v.id, v.groupId, normalizedValue(v.id, v.groupId)]).toEqual([
        v.id,
        v.groupId,
        v.value,
      ]);
    }
  });

  it("variant buckets", () => {
    for (const v of vectors.variants) {
      const value = normalizedVariantValue(v.id, v.groupId, v.totalWeight);
      expect([v.id, v.groupId, value]).toEqual([v.id, v.groupId, v.value]);
    }
  });

  it("variant picks through the evaluator", () => {
    for (const v of vectors.variantPicks) {
      const flags = compileFlags({
        version: "1",
        segments: [],
        flags: [
          {
            key: v.groupId,
            type: "experiment",
            enabled: true,
            rules: [{ constraints: [], segments: [], rollout: 100, stickiness: "default" }],
            variants: v.variants,
          },
        ],
      });
      expect([v.userId, flags.getVariant(v.groupId, { userId: v.userId }).name]).toEqual([
        v.userId,
        v.picked,
      ]);
    }
  });
});
