import { describe, expect, it } from "vitest";
import { auditSearch, readAuditFilters, summariseDetails } from "./audit.js";
import { formatTimestamp } from "./time.js";

describe("the audit filters", () => {
  it("are read from the URL, missing ones empty", () => {
    const filters = readAuditFilters(new URLSearchParams("project=shop&action=block&x=1"));
    expect(filters).toEqual({ project: "shop", environment: "", action: "block", actor: "" });
  });

  it("leave empty filters out of the URL", () => {
    const search = auditSearch({ project: "shop", environment: " ", action: "", actor: "ann" });
    expect(search.toString()).toBe("project=shop&actor=ann");
  });
});

describe("an audit entry's details", () => {
  it("read as key: value pairs, empty ones left out", () => {
    expect(
      summariseDetails({ reason: "support sees errors", buildId: null, sha: "", kind: "manual" }),
    ).toBe("reason: support sees errors · kind: manual");
  });

  it("show timestamps as times and lists joined", () => {
    const at = Date.UTC(2026, 10, 30, 14, 0);
    expect(summariseDetails({ expiresAt: at, holds: ["frozen", "blocked"], tags: [] })).toBe(
      `expires at: ${formatTimestamp(at)} · holds: frozen, blocked`,
    );
  });

  it("keep small numbers as numbers even in an *At key", () => {
    expect(summariseDetails({ retriedAt: 3, build_id: 12 })).toBe("retried at: 3 · build id: 12");
  });

  it("cut long values and nested objects", () => {
    const summary = summariseDetails({
      reason: "x".repeat(200),
      policy: { high: { approvals: 1 } },
    });
    expect(summary).toBe(`reason: ${"x".repeat(79)}… · policy: {"high":{"approvals":1}}`);
    expect(summariseDetails({})).toBe("");
  });
});
