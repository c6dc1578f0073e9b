import { InvalidInputError } from "../../errors/domain-errors.js";

/** A parse in progress: the text, where we are, and how to complain about it. */
export interface Cursor {
  source: string;
  text: string;
  pos: number;
  what: string;
}

export function fail(cursor: Cursor, message: string): never {
  throw new InvalidInputError(`${cursor.what} "${cursor.source}": ${message}`);
}

export function column(cursor: Cursor, pos = cursor.pos): string {
  // 1-based, in the text as written (before trimming), so it matches what people count.
  return `column ${pos + 1 + cursor.source.indexOf(cursor.text)}`;
}

export function skipSpaces(cursor: Cursor): void {
  while (cursor.pos < cursor.text.length && /\s/.test(cursor.text[cursor.pos] ?? "")) cursor.pos++;
}
