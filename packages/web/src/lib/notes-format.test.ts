import { describe, expect, it } from "vitest";
import {
  type Announcement,
  changelogUrls,
  deployedNotes,
  entriesSummary,
  entryBadge,
  noteState,
  publishedEntries,
  type ReleaseNotes,
  releasePermalink,
} from "./notes-format.js";

function notes(id: number, fields: Partial<ReleaseNotes> = {}): ReleaseNotes {
  return {
    id,
    environment: "production",
    buildId: id * 10,
    deploymentId: null,
    fromSha: null,
    toSha: "b".repeat(40),
    entries: [],
    internal: "",
    customer: "",
    editedBy: null,
    editedAt: null,
    deployedAt: null,
    publishedAt: null,
    withdrawnAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

const entry = (type: string, fields: Partial<ReleaseNotes["entries"][number]> = {}) => ({
  sha: "a".repeat(40),
  type,
  scope: null,
  breaking: false,
  subject: "s",
  customer: null,
  author: "Ada",
  committedAt: 0,
  ...fields,
});

function announcement(id: number, publishedAt: number | null): Announcement {
  return {
    id,
    title: `News ${id}`,
    body: "body",
    since: 0,
    gathered: { flags: [], notes: [] },
    createdBy: "ada",
    createdAt: 0,
    updatedBy: "ada",
    updatedAt: 0,
    publishedBy: publishedAt === null ? null : "ada",
    publishedAt,
  };
}

describe("release notes", () => {
  it("link to the public changelog, names escaped", () => {
    expect(changelogUrls("my app")).toEqual({
      page: "/changelog/my%20app",
      atom: "/changelog/my%20app/feed.atom",
      json: "/changelog/my%20app/feed.json",
    });
    expect(releasePermalink("shop", 12)).toBe("/changelog/shop#release-12");
  });

  it("say where a deploy's notes stand", () => {
    const states = [
      notes(1),
      notes(2, { deploymentId: 5 }),
      notes(3, { deploymentId: 5, deployedAt: 1 }),
      notes(4, { deploymentId: 5, deployedAt: 1, publishedAt: 1 }),
      notes(5, { deploymentId: 5, deployedAt: 1, publishedAt: 1, withdrawnAt: 2 }),
    ].map((n) => [noteState(n).label, noteState(n).tone]);
    expect(states).toEqual([
      ["draft", "idle"],
      ["not live", "idle"],
      ["live", "idle"],
      ["published", "good"],
      ["withdrawn", "bad"],
    ]);
  });

  it("badge commit types, and sum a deploy's commits up", () => {
    expect(entryBadge({ type: "feat" })).toEqual({ label: "feat", tone: "good" });
    expect(entryBadge({ type: "other" })).toEqual({ label: "other", tone: "idle" });
    const entries = [
      entry("feat", { customer: "New thing", breaking: true }),
      entry("chore"),
      entry("fix", { customer: "Fixed" }),
    ];
    expect(entriesSummary(entries)).toBe("3 commits · 2 for customers · 1 breaking");
    expect(entriesSummary([entry("chore")])).toBe("1 commit · 0 for customers");
  });

  it("list deploys' notes without the draft of what goes out next", () => {
    const list = [notes(3, { deploymentId: 9 }), notes(2), notes(1, { deploymentId: 8 })];
    expect(deployedNotes(list, 3).map((n) => n.id)).toEqual([1]);
    expect(deployedNotes(list, null).map((n) => n.id)).toEqual([3, 1]);
  });

  it("list what the public changelog shows, newest first", () => {
    const entries = publishedEntries(
      "shop",
      [
        notes(4, { publishedAt: 40, customer: "- Faster" }),
        notes(3, { publishedAt: 30, withdrawnAt: 35, customer: "- Gone" }),
        notes(2, { publishedAt: 20, customer: " " }),
        notes(1, { customer: "- Not deployed" }),
      ],
      [announcement(7, 35), announcement(8, null)],
    );
    expect(entries.map((e) => [e.key, e.title, e.permalink])).toEqual([
      ["release-4", "Released 1 January 1970", "/changelog/shop#release-4"],
      ["announcement-7", "News 7", "/changelog/shop#announcement-7"],
    ]);
  });
});
