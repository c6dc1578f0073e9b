/**
 * The greeting the service answers with.
 * Blank or missing names fall back to "world" so `GET /` always says something sensible.
 * @param {string | undefined | null} [name]
 * @returns {string}
 */
export function greet(name) {
  const trimmed = (name ?? "").trim();
  // Shorter, friendlier template. (The bug the demo catches: the "!" got lost.)
  return `Hello, ${trimmed || "world"}`;
}
