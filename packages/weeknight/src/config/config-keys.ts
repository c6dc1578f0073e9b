import { z } from "zod";
import type { KnownKeys } from "./config-messages.js";

/** Looks through wrappers that do not change which keys a map accepts. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

function fieldOf(value: unknown, key: PropertyKey): unknown {
  return value !== null && typeof value === "object"
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;
}

/** The object schemas that could describe `value`: a union narrows by its literal fields (`type`). */
function objectsFor(schema: z.ZodType, value: unknown): z.ZodObject[] {
  const current = unwrap(schema);
  if (current instanceof z.ZodObject) return [current];
  if (!(current instanceof z.ZodUnion)) return [];
  const objects = (current.options as z.ZodType[]).flatMap((option) => objectsFor(option, value));
  const matching = objects.filter((object) =>
    Object.entries(object.shape).some(
      ([key, field]) =>
        field instanceof z.ZodLiteral && (field.values as Set<unknown>).has(fieldOf(value, key)),
    ),
  );
  return matching.length > 0 ? matching : objects;
}

function childSchema(
  schema: z.ZodType,
  segment: PropertyKey,
  value: unknown,
): z.ZodType | undefined {
  const current = unwrap(schema);
  if (current instanceof z.ZodArray) return current.element as z.ZodType;
  if (current instanceof z.ZodRecord) return current.valueType as z.ZodType;
  for (const object of objectsFor(current, value)) {
    const field: unknown = object.shape[String(segment)];
    if (field instanceof z.ZodType) return field;
  }
  return undefined;
}

function keysOf(objects: z.ZodObject[]): string[] {
  return [...new Set(objects.flatMap((object) => Object.keys(object.shape)))];
}

/** Reads the accepted keys from the schema itself, so key lists are never written twice. */
export function keysAtPath(
  root: z.ZodType,
  path: readonly PropertyKey[],
  data: unknown,
): KnownKeys {
  let schema: z.ZodType | undefined = root;
  let value = data;
  for (const segment of path) {
    schema = schema === undefined ? undefined : childSchema(schema, segment, value);
    value = fieldOf(value, segment);
  }
  if (schema === undefined) return { known: [], children: [] };
  const objects = objectsFor(schema, value);
  const known = keysOf(objects);
  const children = known.flatMap((key) => {
    const child = childSchema(schema, key, value);
    const childKeys = child === undefined ? [] : keysOf(objectsFor(child, undefined));
    return childKeys.length > 0 ? [{ key, known: childKeys }] : [];
  });
  return { known, children };
}
