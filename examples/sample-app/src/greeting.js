/**
 * The greeting the service answers with.
 * Blank or missing names fall back to "world" so `GET /` always says something sensible.
 * @param {string | undefined | null} [name]
 * @returns {string}
 */
export function greet(name) {
  const trimmed = (name ?? "").trim();
  return `Hello, ${trimmed === "" ? "world" : trimmed}!`;
}
