import type { Migration } from "kysely";
import { migration0001 } from "./0001-initial.js";
import { migration0002 } from "./0002-deployments.js";
import { migration0003 } from "./0003-backups.js";
import { migration0004 } from "./0004-sessions.js";
import { migration0005 } from "./0005-monitors.js";
import { migration0006 } from "./0006-incidents.js";
import { migration0007 } from "./0007-silences.js";
import { migration0008 } from "./0008-monitor-rollups.js";
import { migration0009 } from "./0009-control.js";
import { migration0010 } from "./0010-flags.js";
import { migration0011 } from "./0011-notes.js";
import type { MigrationContext } from "./migration-context.js";

/** Numbered migrations; never edit one after it has landed — add the next number. */
export function migrationList(context: MigrationContext): Record<string, Migration> {
  return {
    "0001-initial": migration0001(context),
    "0002-deployments": migration0002(context),
    "0003-backups": migration0003(context),
    "0004-sessions": migration0004(),
    "0005-monitors": migration0005(context),
    "0006-incidents": migration0006(context),
    "0007-silences": migration0007(context),
    "0008-monitor-rollups": migration0008(),
    "0009-control": migration0009(context),
    "0010-flags": migration0010(context),
    "0011-notes": migration0011(context),
  };
}
