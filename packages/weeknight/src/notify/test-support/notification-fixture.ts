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
