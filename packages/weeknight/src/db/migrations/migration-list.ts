import type { Migration } from "kysely";
import { migration0001 } from "./0001-initial.js";
import type { MigrationContext } from "./migration-context.js";

/** Numbered migrations; never edit one after it has landed — add the next number. */
export function migrationList(context: MigrationContext): Record<string, Migration> {
  return {
    "0001-initial": migration0001(context),
  };
}
