import { describe, expect, it } from "vitest";
import { customerMarkdown, escapeMarkdown, internalMarkdown, noteEntry } from "./commit-notes.js";

const commit = (message: string, sha = "a".repeat(40)) => ({
  sha,
  message,
  authorName: "Ada Lovelace",
  committedAt: 1_000,
});

describe("release notes from commits", () => {
  it("reads Conventional Commits headers, scopes and breaking changes", () => {
    expect(noteEntry(commit("feat(checkout)!: one-page checkout"))).toMatchObject({
      type: "feat",
      scope: "checkout",
      breaking: true,
      subject: "one-page checkout",
      customer: "one-page checkout",
    });
    expect(noteEntry(commit("Fix: Totals\n\nBREAKING CHANGE: totals are in cents"))).toMatchObject({
      type: "fix",
      breaking: true,
    });
    expect(noteEntry(commit("Update README"))).toMatchObject({
      type: "other",
      scope: null,
      subject: "Update README",
      customer: null,
    });
  });

  it("lets a Changelog: trailer speak to customers or hide a commit from them", () => {
    expect(noteEntry(commit("chore: bump\n\nChangelog: Faster start-up.")).customer).toBe(
      "Faster start-up.",
    );
    expect(noteEntry(commit("feat: admin report\n\nChangelog: none")).customer).toBeNull();
    expect(noteEntry(commit("feat: x\n\nchangelog: NONE")).customer).toBeNull();
    // A trailer only counts in the last paragraph, as in git.
    expect(noteEntry(commit("feat: x\n\nChangelog: none\n\nMore text")).customer).toBe("x");
  });

  it("writes team notes by section with links, and customer notes as sentences", () => {
    const entries = [
      noteEntry(commit("feat(cart): save carts", "1".repeat(40))),
      noteEntry(commit("fix: rounding\n\nChangelog: Totals are exact.", "2".repeat(40))),
      noteEntry(commit("feat: secret\n\nChangelog: none", "3".repeat(40))),
      noteEntry(commit("ci: cache", "4".repeat(40))),
    ];
    expect(internalMarkdown(entries, (sha) => `https://git.example/c/${sha.slice(0, 3)}`)).toBe(
      [
        "### Features",
        "",
        "- **cart:** save carts ([1111111](https://git.example/c/111), Ada Lovelace)",
        "- secret ([3333333](https://git.example/c/333), Ada Lovelace) _(not for customers)_",
        "",
        "### Fixes",
        "",
        "- rounding ([2222222](https://git.example/c/222), Ada Lovelace)",
        "",
        "### Tests and tooling",
        "",
        "- cache ([4444444](https://git.example/c/444), Ada Lovelace)",
        "",
      ].join("\n"),
    );
    expect(customerMarkdown(entries)).toBe(
      "### New\n\n- Save carts.\n\n### Fixed\n\n- Totals are exact.\n",
    );
    expect(customerMarkdown([noteEntry(commit("ci: cache"))])).toBe("");
    expect(internalMarkdown([], () => null)).toBe("No changes.\n");
  });

  it("shows markdown and HTML in commit messages as typed", () => {
    const evil = noteEntry(commit("fix: <img src=x onerror=alert(1)> [x](javascript:alert(1))"));
    const md = customerMarkdown([evil]);
    expect(md).toContain("\\<img src=x onerror=alert\\(1\\)\\>");
    expect(md).toContain("\\[x\\]\\(javascript:alert\\(1\\)\\)");
    expect(escapeMarkdown("*a* _b_ `c`")).toBe("\\*a\\* \\_b\\_ \\`c\\`");
  });
});
