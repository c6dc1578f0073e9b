import type { Clock } from "../clock.js";

/** Something run every `intervalMs`, e.g. one monitor of one environment. */
export interface ScheduledJob {
  key: string;
  intervalMs: number;
  run(): Promise<void>;
}

export interface SchedulerStats {
  jobs: number;
  running: number;
  /** Runs started since the scheduler started. */
  started: number;
  /** How late runs started (ms after they were due), over the last runs kept. */
  lagP50Ms: number;
  lagP99Ms: number;
}

interface Entry {
  job: ScheduledJob;
  due: number;
  running: boolean;
  /** When the run waiting for a free slot was due; null when none waits. */
  queuedDue: number | null;
  /** Bumped by upsert/remove, so a stale heap item is skipped instead of searched for. */
  version: number;
}

const LAG_SAMPLES = 4096;

/**
 * Runs many jobs at fixed rates from one timer: a min-heap of due times, at most `concurrency`
 * runs at a time (the rest wait in order), and a run that is still going when it is due again is
 * skipped rather than stacked. First runs are spread over the interval by the key's hash, so
 * 10,000 monitors added at once do not all fire in the same millisecond.
 */
export function createMonitorScheduler(deps: {
  clock: Clock;
  concurrency: number;
  /** Tests drive time themselves; the default is setTimeout. */
  setTimer?: (callback: () => void, ms: number) => () => void;
}) {
  const { clock, concurrency } = deps;
  const setTimer =
    deps.setTimer ??
    ((callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms);
      timer.unref?.();
      return () => clearTimeout(timer);
    });
  const entries = new Map<string, Entry>();
  const heap: { due: number; key: string; version: number }[] = [];
  const waiting: Entry[] = [];
  const lags = new Float64Array(LAG_SAMPLES);
  let lagCount = 0;
  let running = 0;
  let started = 0;
  let stopped = true;
  let cancelTimer: (() => void) | null = null;
  let timerDue = Number.POSITIVE_INFINITY;

  const push = (item: { due: number; key: string; version: number }) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as typeof item).due <= item.due) break;
      heap[i] = heap[parent] as typeof item;
      i = parent;
    }
    heap[i] = item;
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && (heap[right] as typeof last).due < (heap[left] as typeof last).due
          ? right
          : left;
      if ((heap[child] as typeof last).due >= last.due) break;
      heap[i] = heap[child] as typeof last;
      i = child;
    }
    heap[i] = last;
    return top;
  };

  const arm = () => {
    if (stopped) return;
    const next = heap[0];
    if (!next) return;
    if (cancelTimer && timerDue <= next.due) return;
    cancelTimer?.();
    timerDue = next.due;
    cancelTimer = setTimer(tick, Math.max(0, next.due - clock.now()));
  };

  const launch = (entry: Entry, due: number) => {
    running++;
    started++;
    entry.running = true;
    lags[lagCount++ % LAG_SAMPLES] = Math.max(0, clock.now() - due);
    void entry.job
      .run()
      .catch(() => {})
      .finally(() => {
        running--;
        entry.running = false;
        const next = waiting.shift();
        if (next && !stopped) {
          const queuedDue = next.queuedDue ?? clock.now();
          next.queuedDue = null;
          launch(next, queuedDue);
        }
      });
  };

  function tick() {
    cancelTimer = null;
    timerDue = Number.POSITIVE_INFINITY;
    const now = clock.now();
    while (heap.length > 0 && (heap[0] as { due: number }).due <= now) {
      const item = pop();
      const entry = item ? entries.get(item.key) : undefined;
      if (!item || !entry || entry.version !== item.version) continue;
      const due = entry.due;
      // Fixed rate; a scheduler that fell behind by whole intervals skips them, not stacks them.
      const interval = entry.job.intervalMs;
      entry.due = due + interval * Math.max(1, Math.ceil((now - due + 1) / interval));
      push({ due: entry.due, key: item.key, version: entry.version });
      if (entry.running || entry.queuedDue !== null) continue;
      if (running < concurrency) launch(entry, due);
      else {
        entry.queuedDue = due;
        waiting.push(entry);
      }
    }
    arm();
  }

  return {
    /** Adds a job, or changes one (a new interval takes effect from now). */
    upsert(job: ScheduledJob) {
      const known = entries.get(job.key);
      const now = clock.now();
      if (known && known.job.intervalMs === job.intervalMs) {
        known.job = job;
        return;
      }
      const due = known
        ? Math.min(known.due, now + job.intervalMs)
        : now + (spread(job.key) % job.intervalMs);
      const entry: Entry = {
        job,
        due,
        running: known?.running ?? false,
        queuedDue: null,
        version: (known?.version ?? 0) + 1,
      };
      entries.set(job.key, entry);
      push({ due, key: job.key, version: entry.version });
      arm();
    },
    remove(key: string) {
      entries.delete(key);
    },
    keys: () => [...entries.keys()],
    start() {
      stopped = false;
      arm();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      for (const entry of waiting) entry.queuedDue = null;
      waiting.length = 0;
    },
    stats(): SchedulerStats {
      const kept = Array.from(lags.subarray(0, Math.min(lagCount, LAG_SAMPLES))).sort(
        (a, b) => a - b,
      );
      const at = (p: number) => kept[Math.min(kept.length - 1, Math.floor(p * kept.length))] ?? 0;
      return {
        jobs: entries.size,
        running,
        started,
        lagP50Ms: at(0.5),
        lagP99Ms: at(0.99),
      };
    },
  };
}

export type MonitorScheduler = ReturnType<typeof createMonitorScheduler>;

/** A stable number from a key (FNV-1a), to spread first runs over the interval. */
function spread(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
