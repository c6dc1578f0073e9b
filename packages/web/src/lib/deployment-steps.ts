/** The steps a deployment moves through, as the server names them (targets/target.ts). */
export type DeploymentStep =
  | "pending"
  | "awaiting-approval"
  | "backing-up"
  | "starting"
  | "health-check"
  | "canary"
  | "baking"
  | "succeeded"
  | "rolling-back"
  | "rolled-back"
  | "failed";

export interface StepRecord {
  step: DeploymentStep;
  detail: string | null;
  at: number;
}

/** done: passed through; active: in progress now; problem: where it went wrong; upcoming: not reached. */
export type StepState = "done" | "active" | "problem" | "upcoming";

export interface TimelineItem {
  step: DeploymentStep;
  label: string;
  state: StepState;
  /** When the step began; null for a step not reached yet. */
  at: number | null;
  /** Time until the next step began (or until now, for the step in progress). */
  durationMs: number | null;
  detail: string | null;
}

const labels: Record<DeploymentStep, string> = {
  pending: "Queued",
  "awaiting-approval": "Awaiting approval",
  "backing-up": "Backing up data",
  starting: "Starting release",
  "health-check": "Health check",
  canary: "Canary traffic",
  baking: "Baking",
  succeeded: "Live",
  "rolling-back": "Rolling back",
  "rolled-back": "Rolled back",
  failed: "Failed",
};

/** The way a deployment goes when nothing goes wrong; approval only shows when it happened. */
const happyPath: DeploymentStep[] = [
  "pending",
  "backing-up",
  "starting",
  "health-check",
  "canary",
  "baking",
  "succeeded",
];

const finished = new Set<DeploymentStep>(["succeeded", "rolled-back", "failed"]);
/** While these run the new release takes (or is about to take) traffic worth watching. */
const trafficSteps = new Set<DeploymentStep>(["starting", "health-check", "canary", "baking"]);

export function stepLabel(step: DeploymentStep): string {
  return labels[step];
}

export function isFinished(step: DeploymentStep): boolean {
  return finished.has(step);
}

export function watchesTraffic(step: DeploymentStep): boolean {
  return trafficSteps.has(step);
}

/**
 * The stepper for one deployment: the steps it took, with durations, then the steps still
 * ahead of it while it runs. `now` times the step in progress.
 */
export function buildTimeline(steps: StepRecord[], now: number): TimelineItem[] {
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  const last = ordered.at(-1);
  const running = last !== undefined && !isFinished(last.step);
  const items: TimelineItem[] = ordered.map((record, index) => {
    const next = ordered[index + 1];
    const isLast = index === ordered.length - 1;
    return {
      step: record.step,
      label: labels[record.step],
      state: stateOf(record.step, next?.step, isLast, running),
      at: record.at,
      durationMs: next ? next.at - record.at : running ? Math.max(0, now - record.at) : null,
      detail: record.detail,
    };
  });
  if (!running || !last) return items;
  return [...items, ...upcomingAfter(last.step).map(upcoming)];
}

function stateOf(
  step: DeploymentStep,
  next: DeploymentStep | undefined,
  isLast: boolean,
  running: boolean,
): StepState {
  if (isLast) {
    if (running) return "active";
    return step === "succeeded" ? "done" : "problem";
  }
  // The step a rollback or failure interrupted is where it went wrong.
  if (step === "rolling-back") return "done";
  if (next === "rolling-back" || next === "failed" || next === "rolled-back") return "problem";
  return "done";
}

function upcomingAfter(step: DeploymentStep): DeploymentStep[] {
  if (step === "rolling-back") return ["rolled-back"];
  if (step === "awaiting-approval") return happyPath.slice(happyPath.indexOf("backing-up"));
  const position = happyPath.indexOf(step);
  return position === -1 ? [] : happyPath.slice(position + 1);
}

function upcoming(step: DeploymentStep): TimelineItem {
  return { step, label: labels[step], state: "upcoming", at: null, durationMs: null, detail: null };
}
