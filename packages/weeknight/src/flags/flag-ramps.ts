import type { Clock } from "../clock.js";
import { ConflictError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import { dueSteps, planRamp, rampFinished, toReleased, toRollout } from "./flag-lifecycle.js";
import type { FlagNotice } from "./flag-notices.js";
import type { FlagService } from "./flag-service.js";
import type { FlagStore, Ramp } from "./flag-store.js";

const SYSTEM = "weeknight";

export type FlagRamps = ReturnType<typeof createFlagRamps>;

/**
 * Scheduled rollouts ("5 % Monday, 25 % Wednesday, 100 % next Monday"). A step falls due on
 * the tick after its time; while an alert fires in the environment the ramp pauses instead,
 * and stays paused until someone resumes it.
 */
export function createFlagRamps(deps: {
  flags: FlagService;
  store: Pick<FlagStore, "active">;
  projects: ProjectService;
  bus: EventBus;
  clock: Clock;
  /** The monitors firing now in an environment. */
  firing: (project: string, environment: string) => Promise<string[]>;
  /** Tells the project's notify channels (`flag.ramp-paused`). */
  notify?: (notice: Omit<FlagNotice, "url">) => Promise<void>;
  tickMs?: number;
}) {
  const { flags, clock } = deps;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  let running: Promise<void> = Promise.resolve();

  async function rampOf(project: string, key: string, environment: string): Promise<Ramp | null> {
    const flag = await flags.get(project, key);
    return flag.environments.find((e) => e.environment === environment)?.ramp ?? null;
  }

  async function pause(
    project: string,
    key: string,
    environment: string,
    ramp: Ramp,
    monitors: string[],
  ) {
    const reason = `alert${monitors.length > 1 ? "s" : ""} ${monitors.join(", ")} firing`;
    const paused = { ...ramp, pausedAt: clock.now(), pausedReason: reason };
    const view = await flags.setRamp(project, key, environment, paused, SYSTEM, "ramp.paused");
    const at = view.environments.find((e) => e.environment === environment)?.percent ?? 0;
    await deps.notify?.({
      project,
      flag: key,
      type: view.type,
      environment,
      message: `The ramp of ${key} in ${environment} is paused at ${at} %: ${reason}. Resume it with weeknight flag ramp ${key} --resume --env ${environment} -p ${project}`,
    });
  }

  async function advance(project: string, key: string, environment: string, ramp: Ramp) {
    const due = dueSteps(ramp, clock.now());
    const last = due.at(-1);
    if (!last || ramp.pausedAt !== null) return;
    const monitors = await deps.firing(project, environment);
    if (monitors.length > 0) return pause(project, key, environment, ramp, monitors);
    const appliedAt = clock.now();
    const steps = ramp.steps.map((s) => (due.includes(s) ? { ...s, appliedAt } : s));
    const next = { ...ramp, steps };
    await flags.setRamp(
      project,
      key,
      environment,
      rampFinished(next) ? null : next,
      SYSTEM,
      "ramp.step",
      (config) =>
        last.percent === 100
          ? toReleased(config)
          : toRollout(config, last.percent, ramp.stickiness),
    );
  }

  /** Applies every step that has fallen due, one flag at a time. */
  async function tick() {
    const active = await deps.store.active();
    for (const flag of active) {
      for (const env of flag.environments) {
        if (!env.ramp) continue;
        const project = (await deps.projects.getById(flag.projectId)).name;
        await advance(project, flag.key, env.environment, env.ramp).catch(() => {});
      }
    }
  }

  /** Runs ticks one after another, never two at once. */
  function run(): Promise<void> {
    running = running.then(tick, tick).catch(() => {});
    return running;
  }

  return {
    async schedule(input: {
      project: string;
      key: string;
      environment: string;
      steps: { at: number; percent: number }[];
      stickiness?: string;
      by: string;
    }) {
      const ramp = planRamp(input.steps, input.stickiness ?? "default", input.by, clock.now());
      return flags.setRamp(
        input.project,
        input.key,
        input.environment,
        ramp,
        input.by,
        "ramp.scheduled",
      );
    },
    async cancel(project: string, key: string, environment: string, by: string) {
      if (!(await rampOf(project, key, environment)))
        throw new ConflictError(`${key} has no ramp in ${environment}`);
      return flags.setRamp(project, key, environment, null, by, "ramp.cancelled");
    },
    async resume(project: string, key: string, environment: string, by: string) {
      const ramp = await rampOf(project, key, environment);
      if (!ramp?.pausedAt) throw new ConflictError(`${key}'s ramp in ${environment} is not paused`);
      const view = await flags.setRamp(
        project,
        key,
        environment,
        { ...ramp, pausedAt: null, pausedReason: null },
        by,
        "ramp.resumed",
      );
      void run();
      return view;
    },
    tick: run,
    start() {
      timer = setInterval(() => void run(), deps.tickMs ?? 30_000);
      // An alert pauses the ramps of its environment at once, not at the next step.
      unsubscribe = deps.bus.subscribe((event) => {
        if (event.type !== "alert.firing") return;
        const { project, environment, monitor } = event.data;
        if (typeof project !== "string" || typeof environment !== "string") return;
        const monitors = [String(monitor)];
        running = running.then(() => pauseAll(project, environment, monitors)).catch(() => {});
      });
    },
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };

  async function pauseAll(project: string, environment: string, monitors: string[]) {
    for (const flag of await flags.list(project)) {
      const env = flag.environments.find((e) => e.environment === environment);
      if (env?.ramp && env.ramp.pausedAt === null && !rampFinished(env.ramp)) {
        await pause(project, flag.key, environment, env.ramp, monitors);
      }
    }
  }
}
