import type { Block } from "../api/answers.js";

/** The expiry choices of the block dialog, in the order the select lists them. */
export const expiryChoices = ["lifted", "1h", "2h", "4h", "tomorrow"] as const;
export type ExpiryChoice = (typeof expiryChoices)[number];

export const expiryLabels: Record<ExpiryChoice, string> = {
  lifted: "Until someone lifts it",
  "1h": "For 1 hour",
  "2h": "For 2 hours",
  "4h": "For 4 hours",
  tomorrow: "Until tomorrow 09:00",
};

/** 09:00 on the day after `now`, in the browser's time zone (a person's "tomorrow morning"). */
export function tomorrowMorning(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date.getTime();
}

/** The part of POST /projects/{name}/blocks that says when the block ends. */
export function expiryBody(choice: ExpiryChoice, now: number): { for?: string; until?: number } {
  if (choice === "lifted") return {};
  if (choice === "tomorrow") return { until: tomorrowMorning(now) };
  return { for: choice };
}

export function parseExpiryChoice(value: string): ExpiryChoice {
  return (expiryChoices as readonly string[]).includes(value) ? (value as ExpiryChoice) : "lifted";
}

/**
 * What a block stops, as the start of a sentence: "production of shop", "every environment of
 * shop", "build #12 of shop on production", "commit abc1234 of shop everywhere".
 */
export function blockTarget(
  block: Pick<Block, "project" | "environment" | "buildId" | "sha">,
): string {
  const where = block.environment ?? "every environment";
  const thing =
    block.buildId !== null
      ? `build #${block.buildId}`
      : block.sha !== null
        ? `commit ${block.sha.slice(0, 7)}`
        : null;
  if (thing === null) return `${where} of ${block.project}`;
  return `${thing} of ${block.project} on ${where}`;
}

/** Its author lifts a block, and so does any deployer; nobody else. */
export function mayLift(
  block: Pick<Block, "createdBy">,
  user: { username: string; can: (role: "deployer") => boolean },
): boolean {
  return block.createdBy === user.username || user.can("deployer");
}

/** Active blocks in the banner's order: whole-project first, then by project, newest first. */
export function sortBlocks<T extends Pick<Block, "id" | "project" | "environment">>(
  blocks: readonly T[],
): T[] {
  const scope = (block: T) => (block.environment === null ? 0 : 1);
  return [...blocks].sort(
    (a, b) => a.project.localeCompare(b.project) || scope(a) - scope(b) || b.id - a.id,
  );
}
