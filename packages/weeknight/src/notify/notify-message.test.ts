import { describe, expect, it } from "vitest";
import { renderText } from "./notify-message.js";
import { failedNotification, fixedNotification } from "./test-support/notification-fixture.js";

describe("renderText", () => {
  it("names project, build, short sha, branch and failing stage in the subject", () => {
    const { subject } = renderText(failedNotification());
    expect(subject).toBe('[weeknight] shop: build #42 failed at stage "test" (main @ abc1234)');
  });

  it("says who broke it, what failed, the last 20 log lines and the link", () => {
    const { text } = renderText(failedNotification());
    expect(text).toContain("Build #42 of shop failed on main at abc1234.");
    expect(text).toContain('Stage "test" failed: exit code 1');
    expect(text).toContain("Broken by Ada Lovelace, Bob.");
    expect(text).toContain("Last 20 log lines:\n```\nlog line 6\n");
    expect(text).toContain("log line 25\n```");
    expect(text).not.toContain("log line 5\n");
    expect(text).toContain("Build: http://weeknight.test/projects/shop/builds/42");
  });

  it("lists the commits newest first with short sha and first message line", () => {
    const { text } = renderText(failedNotification());
    expect(text).toContain(
      "Commits since the last green build:\n  abc1234 Speed up checkout (Ada Lovelace)\n  0123456 Rename cart (Bob)",
    );
    expect(text).not.toContain("Details.");
  });

  it("names each author once", () => {
    const n = failedNotification({
      authors: [
        { name: "Bob", email: "bob@example.com" },
        { name: "bob", email: "bob@work.example.com" },
      ],
    });
    expect(renderText(n).text).toContain("Broken by Bob.\n");
  });

  it("keeps a fence inside the log from closing the code block", () => {
    const n = failedNotification({
      failedStage: { name: "test", message: "exit code 2", logTail: ["```", "boom"] },
    });
    expect(renderText(n).text).toContain("```\n'''\nboom\n```");
  });

  it("says fixed and thanks the authors, without a log", () => {
    const { subject, text } = renderText(fixedNotification());
    expect(subject).toBe("[weeknight] shop: build #43 fixed (main @ fedcba9)");
    expect(text).toContain("fixed main at fedcba9");
    expect(text).toContain("Fixed by Ada Lovelace, Bob. Thank you!");
    expect(text).not.toContain("Broken by");
    expect(text).not.toContain("```");
  });
});
