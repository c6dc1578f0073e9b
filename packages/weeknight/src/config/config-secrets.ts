import type { WeeknightConfig } from "./config-schema.js";

/** `${NAME}` is a reference; a leading extra `$` (`$${NAME}`) escapes it. Group 1 is that escape. */
const REFERENCE = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** Names referenced as `${NAME}` in one string, escapes excluded, in order of appearance. */
export function secretNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    if (match[1] === "" && match[2] !== undefined) names.push(match[2]);
  }
  return names;
}

export function containsSecretReference(text: string): boolean {
  return secretNamesIn(text).length > 0;
}

/** Applies `fn` to every string value (never to map keys), building new arrays and maps. */
function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn)]),
    );
  }
  return value;
}

function eachString(value: unknown, visit: (text: string) => void): void {
  mapStrings(value, (text) => {
    visit(text);
    return text;
  });
}

/** Unique names of the secrets the config refers to, sorted, so the server can check it has them all. */
export function referencedSecrets(config: WeeknightConfig): string[] {
  const names = new Set<string>();
  eachString(config, (text) => {
    for (const name of secretNamesIn(text)) names.add(name);
  });
  return [...names].sort();
}

/**
 * Returns a copy with every `${NAME}` replaced and every `$${NAME}` unescaped.
 * Unknown names stay as written and are listed, so the caller can say which secrets to add.
 */
export function interpolateSecrets(
  config: WeeknightConfig,
  secrets: Readonly<Record<string, string>>,
): { config: WeeknightConfig; missing: string[] } {
  const missing = new Set<string>();
  const replaced = mapStrings(config, (text) =>
    text.replace(REFERENCE, (whole, escaped: string, name: string) => {
      if (escaped !== "") return whole.slice(1);
      if (Object.hasOwn(secrets, name)) return secrets[name] ?? whole;
      missing.add(name);
      return whole;
    }),
  );
  // mapStrings preserves the shape it was given, so the copy is still a WeeknightConfig.
  return { config: replaced as WeeknightConfig, missing: [...missing].sort() };
}
