/**
 * The greeting the service answers with.
 * Blank or missing names fall back to "world" so `GET /` always says something sensible;
 * each word of the name is capitalised, so "ada lovelace" is greeted as "Ada Lovelace".
 * @param {string | undefined | null} [name]
 * @returns {string}
 */
export function greet(name) {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  const display = words.length === 0 ? "world" : words.map(capitalise).join(" ");
  return `Hello, ${display}!`;
}

/** Upper-cases only the first letter, so names like "McCartney" keep their own casing. */
function capitalise(word) {
  const [first = "", ...rest] = word;
  return first.toUpperCase() + rest.join("");
}
