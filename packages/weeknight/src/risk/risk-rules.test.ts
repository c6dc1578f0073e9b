import { describe, expect, it } from "vitest";
import { riskSchema } from "../config/risk-schema.js";
import {
  assessRisk,
  type Change,
  type ChangedFile,
  describeRisk,
  isDependencyFile,
} from "./risk-rules.js";

const config = (risk: unknown = {}) => riskSchema.parse(risk);

const SHA_A = `abc1234${"0".repeat(33)}`;
const SHA_B = `def5678${"0".repeat(33)}`;

function file(path: string, additions = 1, deletions = 0): ChangedFile {
  return { path, additions, deletions };
}

function change(files: ChangedFile[], messages: string[] = []): Change {
  const shas = [SHA_A, SHA_B];
  return {
    files,
    commits: messages.map((message, i) => ({
      sha: shas[i] ?? "f".repeat(40),
      message,
      authorName: "Ada Lovelace",
      authorEmail: "ada@example.com",
    })),
  };
}

describe("assessRisk", () => {
  it("gives an empty change the lowest level and no reasons", () => {
    expect(assessRisk(config(), change([]))).toEqual({
      level: "low",
      levels: ["low", "medium", "high"],
      reasons: [],
    });
  });

  it("names the matching globs and files of a paths rule", () => {
    const risk = config({ rules: [{ paths: ["src/billing/**", "src/pay/**"], level: "high" }] });
    const files = ["src/billing/pay.ts", "src/billing/a.ts", "src/billing/b.ts", "src/ui.ts"];
    expect(assessRisk(risk, change(files.map((path) => file(path))))).toEqual({
      level: "high",
      levels: ["low", "medium", "high"],
      reasons: [
        { level: "high", text: "touches src/billing/** (src/billing/pay.ts and 2 more)", rule: 0 },
      ],
    });
    expect(assessRisk(risk, change([file("src/ui.ts")])).reasons).toEqual([]);
  });

  it("uses a rule's own reason, with the files in parentheses", () => {
    const risk = config({
      rules: [{ paths: ["src/billing/**"], level: "high", reason: "touches billing" }],
    });
    const { reasons } = assessRisk(
      risk,
      change([file("src/billing/a.ts"), file("src/billing/b.ts")]),
    );
    expect(reasons.map((r) => r.text)).toEqual([
      "touches billing (src/billing/a.ts, src/billing/b.ts)",
    ]);
  });

  it("matches dot files and folders", () => {
    const risk = config({ rules: [{ paths: ["deploy/**"], level: "medium" }] });
    const { level } = assessRisk(risk, change([file("deploy/.env.production")]));
    expect(level).toBe("medium");
  });

  it("finds migrations anywhere with the default globs", () => {
    const { level, reasons } = assessRisk(
      config(),
      change([file("db/migrations/0009.sql"), file("README.md")]),
    );
    expect(level).toBe("high");
    expect(reasons).toEqual([
      { level: "high", text: "adds or changes migrations (db/migrations/0009.sql)", rule: 0 },
    ]);
    expect(assessRisk(config(), change([file("migrations/0001.sql")])).level).toBe("high");
    expect(assessRisk(config(), change([file("app/db/migrate/1_init.rb")])).level).toBe("high");
    expect(assessRisk(config(), change([file("src/migrations.ts")])).level).toBe("low");
  });

  it("notices dependency manifests and lock files anywhere in the tree", () => {
    const { level, reasons } = assessRisk(
      config(),
      change([file("package.json"), file("web/package-lock.json"), file("src/index.ts")]),
    );
    expect(level).toBe("medium");
    expect(reasons).toEqual([
      {
        level: "medium",
        text: "changes dependencies (package.json, web/package-lock.json)",
        rule: 1,
      },
    ]);
  });

  it("scores lines added plus deleted, and only the highest matching lines rule speaks", () => {
    const big = change([file("a.ts", 1000, 240)]);
    expect(assessRisk(config(), big).reasons).toEqual([
      { level: "high", text: "1,240 lines changed", rule: 2 },
    ]);
    const medium = change([file("a.ts", 200, 100)]);
    expect(assessRisk(config(), medium).reasons).toEqual([
      { level: "medium", text: "300 lines changed", rule: 3 },
    ]);
    expect(assessRisk(config(), change([file("a.ts", 200, 99)])).reasons).toEqual([]);
  });

  it("keeps the highest size rule even when a lower one comes first", () => {
    const risk = config({
      rules: [
        { files: 2, level: "low" },
        { files: 3, level: "high", reason: "many files" },
        { files: 4, level: "medium" },
      ],
    });
    const files = ["a", "b", "c", "d"].map((path) => file(path, 0, 0));
    expect(assessRisk(risk, change(files)).reasons).toEqual([
      { level: "high", text: "many files (4 files changed)", rule: 1 },
    ]);
  });

  it("counts files changed, binary files (0 lines) included", () => {
    const files = Array.from({ length: 52 }, (_, i) => file(`img/${i}.png`, 0, 0));
    expect(assessRisk(config(), change(files)).reasons).toEqual([
      { level: "medium", text: "52 files changed", rule: 4 },
    ]);
  });

  it("raises the level for a Risk trailer, naming the commit", () => {
    const { level, reasons } = assessRisk(
      config(),
      change([file("a.ts")], ["Tweak\n\nRisk: High", "Other"]),
    );
    expect(level).toBe("high");
    expect(reasons).toEqual([{ level: "high", text: "abc1234 says Risk: high", rule: null }]);
  });

  it("treats a trailer naming no level as the highest level, and says so", () => {
    const { level, reasons } = assessRisk(config(), change([], ["Tweak\n\nRisk: extreme"]));
    expect(level).toBe("high");
    expect(reasons).toEqual([
      {
        level: "high",
        text: "abc1234 says Risk: extreme (not a level: treated as high)",
        rule: null,
      },
    ]);
  });

  it("never lowers the level: a Risk: low trailer is only another reason", () => {
    const { level, reasons } = assessRisk(
      config(),
      change([file("package.json")], ["Bump\n\nRisk: low"]),
    );
    expect(level).toBe("medium");
    expect(reasons.map((r) => [r.level, r.text])).toEqual([
      ["medium", "changes dependencies (package.json)"],
      ["low", "abc1234 says Risk: low"],
    ]);
  });

  it("orders reasons highest level first, rules in config order, then trailers", () => {
    const files = [file("yarn.lock", 150, 150), file("db/migrations/1.sql"), file("src/x.ts")];
    const { level, reasons } = assessRisk(
      config(),
      change(files, ["One\n\nRisk: medium", "Two\n\nRisk: high"]),
    );
    expect(level).toBe("high");
    expect(reasons.map((r) => [r.level, r.rule, r.text])).toEqual([
      ["high", 0, "adds or changes migrations (db/migrations/1.sql)"],
      ["high", null, "def5678 says Risk: high"],
      ["medium", 1, "changes dependencies (yarn.lock)"],
      ["medium", 3, "302 lines changed"],
      ["medium", null, "abc1234 says Risk: medium"],
    ]);
  });

  it("works with custom levels", () => {
    const risk = config({
      levels: ["green", "amber", "red"],
      rules: [
        { paths: ["infra/**"], level: "red" },
        { dependencies: true, level: "amber" },
      ],
    });
    expect(assessRisk(risk, change([])).level).toBe("green");
    expect(assessRisk(risk, change([file("go.sum")])).level).toBe("amber");
    expect(assessRisk(risk, change([file("infra/main.tf"), file("go.mod")]))).toEqual({
      level: "red",
      levels: ["green", "amber", "red"],
      reasons: [
        { level: "red", text: "touches infra/** (infra/main.tf)", rule: 0 },
        { level: "amber", text: "changes dependencies (go.mod)", rule: 1 },
      ],
    });
    const said = assessRisk(risk, change([], ["X\n\nRisk: high", "Y\n\nRisk: amber"]));
    expect(said.reasons.map((r) => [r.level, r.text])).toEqual([
      ["red", "abc1234 says Risk: high (not a level: treated as red)"],
      ["amber", "def5678 says Risk: amber"],
    ]);
  });

  it("has no rules when the config lists none", () => {
    const risk = config({ rules: [] });
    const files = [file("db/migrations/1.sql", 5000, 0), file("package.json")];
    expect(assessRisk(risk, change(files)).level).toBe("low");
  });
});

describe("isDependencyFile", () => {
  it("knows manifests and lock files by name, in any folder", () => {
    const yes = [
      "package.json",
      "a/b/pnpm-lock.yaml",
      "bun.lockb",
      "requirements.txt",
      "py/requirements-dev.txt",
      "Gemfile",
      "Cargo.lock",
      "build.gradle.kts",
      "mix.lock",
    ];
    const no = ["package.json.bak", "src/package.ts", "requirements.md", "gemfile", "go.modx"];
    expect(yes.filter(isDependencyFile)).toEqual(yes);
    expect(no.filter(isDependencyFile)).toEqual([]);
  });
});

describe("describeRisk", () => {
  it("puts the level before the reasons, highest first", () => {
    const files = [file("db/migrations/1.sql", 1200, 40), file("package.json", 0, 0)];
    expect(describeRisk(assessRisk(config(), change(files)))).toBe(
      "high: adds or changes migrations (db/migrations/1.sql), 1,240 lines changed, changes dependencies (package.json)",
    );
  });

  it("is just the level without reasons", () => {
    expect(describeRisk(assessRisk(config(), change([])))).toBe("low");
  });
});
