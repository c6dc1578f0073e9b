import { describe, expect, it } from "vitest";
import { weeknightConfigSchema } from "../config/config-schema.js";
import { describeControl } from "./config-commands.js";

describe("describeControl", () => {
  it("says what each level needs, and the windows and freezes, per environment", () => {
    const config = weeknightConfigSchema.parse({
      project: "shop",
      build: { stages: [{ name: "test", run: "true" }] },
      environments: {
        internal: { target: { type: "command", deploy: "true", rollback: "true" } },
        production: {
          target: { type: "command", deploy: "true", rollback: "true" },
          backup: { sqlite: "data/shop.db" },
          windows: ["* 20-23 * * 1-5"],
          freezes: [{ name: "Christmas", from: "2026-12-21", to: "2027-01-02" }],
          policy: {
            medium: {},
            high: {
              approvals: 2,
              canary: { traffic: 5 },
              backup: true,
              notify: ["cto@example.com"],
            },
          },
        },
      },
    });
    expect(describeControl(config)).toEqual([
      "production: medium risk needs nothing extra",
      "production: high risk needs 2 approvals, 5 % canary, a backup, tells cto@example.com",
      "production: deploys only in * 20-23 * * 1-5",
      "production: frozen for Christmas, 2026-12-21 to 2027-01-02",
    ]);
  });
});
