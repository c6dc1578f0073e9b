/**
 * MurmurHash3 x86 32-bit, byte-for-byte what unleash-client (node) buckets with: it calls
 * `murmurhash3js`'s `x86.hash32`, which reads a JS string as ONE BYTE PER UTF-16 CODE UNIT —
 * the low byte (`charCodeAt(i) & 0xff`) — and mixes in the code-unit count as the length.
 * So "é" (U+00E9) hashes as the byte 0xE9 and an emoji as the low bytes of its two
 * surrogates; this is not UTF-8, and copying it keeps cohorts of non-ASCII ids identical.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Unleash's seeds: percentage rollouts and variant selection. */
export const STRATEGY_SEED = 0;
export const VARIANT_SEED = 86028157;

function mixK(k: number): number {
  const k1 = Math.imul(k, C1);
  return Math.imul((k1 << 15) | (k1 >>> 17), C2);
}

function mixH(h: number, k: number): number {
  const h1 = h ^ mixK(k);
  return (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
}

function finish(h: number, tail: number, tailLength: number, length: number): number {
  let h1 = tailLength > 0 ? h ^ mixK(tail) : h;
  h1 ^= length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

/** The hash state after a fixed prefix (e.g. `groupId:`), so a key is hashed without concatenating. */
export interface HashPrefix {
  readonly h: number;
  readonly tail: number;
  readonly tailLength: number;
  readonly length: number;
}

export function hashPrefix(prefix: string, seed: number): HashPrefix {
  let h = seed | 0;
  let tail = 0;
  let tailLength = 0;
  for (let i = 0; i < prefix.length; i++) {
    tail |= (prefix.charCodeAt(i) & 0xff) << (tailLength << 3);
    if (++tailLength === 4) {
      h = mixH(h, tail);
      tail = 0;
      tailLength = 0;
    }
  }
  return { h, tail, tailLength, length: prefix.length };
}

/** hash32(prefix + key, seed), where `prefix` carries the seed and the prefix's bytes. */
export function hashWithPrefix(prefix: HashPrefix, key: string): number {
  let h = prefix.h;
  let tail = prefix.tail;
  let tailLength = prefix.tailLength;
  const n = key.length;
  let i = 0;
  // Fill the prefix's partial block, then take whole 4-byte blocks straight from the key.
  while (tailLength !== 0 && i < n) {
    tail |= (key.charCodeAt(i++) & 0xff) << (tailLength << 3);
    if (++tailLength === 4) {
      h = mixH(h, tail);
      tail = 0;
      tailLength = 0;
    }
  }
  const blocksEnd = i + ((n - i) & ~3);
  for (; i < blocksEnd; i += 4) {
    h = mixH(
      h,
      (key.charCodeAt(i) & 0xff) |
        ((key.charCodeAt(i + 1) & 0xff) << 8) |
        ((key.charCodeAt(i + 2) & 0xff) << 16) |
        ((key.charCodeAt(i + 3) & 0xff) << 24),
    );
  }
  for (; i < n; i++) {
    tail |= (key.charCodeAt(i) & 0xff) << (tailLength << 3);
    tailLength++;
  }
  return finish(h, tail, tailLength, prefix.length + n);
}

/** MurmurHash3 x86 32-bit of a JS string (low byte per code unit, as above), unsigned. */
export function murmur3(key: string, seed = 0): number {
  return hashWithPrefix(hashPrefix("", seed), key);
}

/** Unleash's bucket of `id` in `groupId`: hash(`${groupId}:${id}`, seed) % normalizer + 1. */
export function normalizedValue(id: string, groupId: string, normalizer = 100, seed = 0): number {
  return (murmur3(`${groupId}:${id}`, seed) % normalizer) + 1;
}

/** Unleash's variant bucket: seed 86028157, normalizer = the sum of the variants' weights. */
export function normalizedVariantValue(id: string, groupId: string, totalWeight: number): number {
  return normalizedValue(id, groupId, totalWeight, VARIANT_SEED);
}
