import type { z } from "zod";
import type { auditEntrySchema } from "../audit/audit-routes.js";
import type { backupSchema } from "../backups/backup-routes.js";
import type { blockSchema } from "../blocks/block-routes.js";
import type { buildSchema } from "../builds/build-routes.js";
import type { deploymentSchema } from "../deployments/deployment-routes.js";
import type { Evaluation, FlagView, SegmentView } from "../flags/flag-schema.js";
import type { incidentSchema, incidentSummarySchema } from "../incidents/incident-routes.js";
import type { alertSchema, monitorSchema, resultSchema } from "../monitors/monitor-routes.js";
import type { silenceSchema } from "../monitors/silence-routes.js";
import type { announcementSchema } from "../notes/announcement-routes.js";
import type { releaseNotesSchema } from "../notes/note-routes.js";
import type { projectSchema } from "../projects/project-routes.js";
import type { approvalSchema } from "../risk/control-routes.js";
import type { statsSchema } from "../stats/stats-routes.js";

// The shapes the API answers with, taken from the server's own schemas and types so the
// CLI cannot drift from them. Type-only imports: none of the server is loaded.
export type { LogLine } from "../builds/build-log.js";
export type { EnvironmentView } from "../environments/environment-service.js";
export type { DomainEvent } from "../events/event-bus.js";
export type { Role } from "../http/http-auth.js";
export type { DeliveryRecord as Delivery } from "../notify/delivery-store.js";
export type { Readiness } from "../readiness/readiness-schema.js";
export type { User } from "../users/user-store.js";

import type { ApiToken as StoredToken } from "../users/user-store.js";

export type Build = z.infer<typeof buildSchema>;
export type Stage = Build["stages"][number];
export type Project = z.infer<typeof projectSchema>;
export type ApiToken = Omit<StoredToken, "userId">;

export const finishedStatuses: ReadonlySet<string> = new Set(["passed", "failed", "cancelled"]);

export type Deployment = z.infer<typeof deploymentSchema>;
export const finishedSteps: ReadonlySet<string> = new Set(["succeeded", "rolled-back", "failed"]);
export type Backup = z.infer<typeof backupSchema>;
export type Monitor = z.infer<typeof monitorSchema>;
export type MonitorResult = z.infer<typeof resultSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type Silence = z.infer<typeof silenceSchema>;
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Block = z.infer<typeof blockSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type Flag = FlagView;
export type FlagEnvironment = FlagView["environments"][number];
export type Segment = SegmentView;
export type FlagEvaluation = Evaluation;
export type ReleaseNotes = z.infer<typeof releaseNotesSchema>;
export type Announcement = z.infer<typeof announcementSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type Stats = z.infer<typeof statsSchema>;
