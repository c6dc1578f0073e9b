import type { FlagEvent, FlagNotice, FlagNotification } from "../flag-message.js";
import type { BuildNotification } from "../notify-message.js";

/** A build.failed notification with two authors and a 25-line log; override what a test needs. */
export function failedNotification(overrides: Partial<BuildNotification> = {}): BuildNotification {
  return {
    event: "build.failed",
    project: "shop",
    build: {
      id: 42,
      sha: "abc1234def5678900000000000000000000000ff",
      branch: "main",
      url: "http://weeknight.test/projects/shop/builds/42",
    },
    failedStage: {
      name: "test",
      message: "exit code 1",
      logTail: Array.from({ length: 25 }, (_, i) => `log line ${i + 1}`),
    },
    authors: [
      { name: "Ada Lovelace", email: "ada@example.com" },
      { name: "Bob", email: "bob@example.com" },
    ],
    commits: [
      { sha: "abc1234def56", author: "Ada Lovelace", message: "Speed up checkout\n\nDetails." },
      { sha: "0123456789ab", author: "Bob", message: "Rename cart" },
    ],
    ...overrides,
  };
}

export function fixedNotification(overrides: Partial<BuildNotification> = {}): BuildNotification {
  const { failedStage: _unused, ...rest } = failedNotification({
    event: "build.fixed",
    build: {
      id: 43,
      sha: "fedcba9876543210000000000000000000000000",
      branch: "main",
      url: "http://weeknight.test/projects/shop/builds/43",
    },
  });
  return { ...rest, ...overrides };
}

/** The notice the flags module sends when new-checkout has served everyone for 31 days. */
export function staleFlagNotice(overrides: Partial<FlagNotice> = {}): FlagNotice {
  return {
    project: "shop",
    flag: "new-checkout",
    type: "release",
    environment: "production",
    message:
      "Flag new-checkout (release) has served everyone in production for 31 days — delete it from the code and archive it: weeknight flag archive new-checkout -p shop",
    url: "http://weeknight.test/projects/shop/flags/new-checkout",
    ...overrides,
  };
}

/** The notice the flags module sends when an alert paused new-checkout's ramp at 10 %. */
export function rampPausedNotice(overrides: Partial<FlagNotice> = {}): FlagNotice {
  return staleFlagNotice({
    message:
      "The ramp of new-checkout in production is paused at 10 %: alert checkout-errors is firing. Resume it with weeknight flag ramp new-checkout --resume --env production -p shop",
    ...overrides,
  });
}

export function flagNotification(event: FlagEvent, flag: FlagNotice): FlagNotification {
  return { event, project: flag.project, flag };
}
