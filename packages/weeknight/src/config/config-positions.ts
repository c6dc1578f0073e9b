import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";

export interface Position {
  line: number;
  column: number;
}

function toPosition(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/**
 * Where a config path was written. `at: "key"` points at the last key itself (unknown keys);
 * otherwise at its value. A path that does not exist (a missing key) points at the deepest
 * map or list that does, which is where the author has to add it.
 */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  at: "key" | "value" = "value",
): Position {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (pair === undefined) break;
      const keyStart = startOf(pair.key);
      if (at === "key" && index === path.length - 1 && keyStart !== undefined) {
        return toPosition(lines, keyStart);
      }
      // An empty value (`run:`) has no node of its own; its key is the nearest thing to show.
      next = startOf(pair.value) === undefined ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
    }
    const nextStart = startOf(next);
    if (nextStart === undefined) break;
    node = next;
    offset = nextStart;
  }
  return toPosition(lines, offset);
}
