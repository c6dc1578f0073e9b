import type { Context } from "./flag-types.js";

/** Reads one context field as a string, or undefined when missing or not a string. */
export type FieldReader = (context: Context) => string | undefined;

function fromProperties(context: Context, field: string): string | undefined {
  const properties = context.properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  const value = properties[field];
  return typeof value === "string" ? value : undefined;
}

/**
 * A reader for `field`: the top-level value, else `properties[field]` (Unleash's order).
 * Well-known fields get a closure with a literal property access, which V8 inlines.
 */
export function fieldReader(field: string): FieldReader {
  switch (field) {
    case "userId":
      return (c) => (typeof c.userId === "string" ? c.userId : fromProperties(c, field));
    case "sessionId":
      return (c) => (typeof c.sessionId === "string" ? c.sessionId : fromProperties(c, field));
    case "customerId":
      return (c) => (typeof c.customerId === "string" ? c.customerId : fromProperties(c, field));
    case "role":
      return (c) => (typeof c.role === "string" ? c.role : fromProperties(c, field));
    case "environment":
      return (c) => (typeof c.environment === "string" ? c.environment : fromProperties(c, field));
    case "appName":
      return (c) => (typeof c.appName === "string" ? c.appName : fromProperties(c, field));
    case "remoteAddress":
      return (c) =>
        typeof c.remoteAddress === "string" ? c.remoteAddress : fromProperties(c, field);
    default:
      return (c) => {
        const value = c[field];
        return typeof value === "string" ? value : fromProperties(c, field);
      };
  }
}

/** A string that is not empty, as Unleash's `userId || sessionId || …` chains test. */
export function present(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}
