import picomatch from "picomatch";
import { z } from "zod";

/**
 * Risk rules in weeknight.yml: what makes a change risky. The engine that applies them to a
 * range of commits is in risk/; the per-level process is each environment's `policy:`.
 */

const LEVEL_NAME = /^[a-z][a-z0-9-]{0,23}$/;

export const DEFAULT_LEVELS = ["low", "medium", "high"];

/** picomatch is lenient; with strict brackets it throws for `src/[a`, which we report. */
export function checkGlob(glob: string): string | null {
  if (glob.startsWith("/")) return `"${glob}" is absolute — paths are relative to the repository`;
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return null;
  } catch (error) {
    return `invalid glob "${glob}": ${(error as Error).message}`;
  }
}

const globsSchema = z
  .array(z.string().min(1))
  .min(1)
  .superRefine((globs, ctx) => {
    globs.forEach((glob, i) => {
      const problem = checkGlob(glob);
      if (problem) ctx.addIssue({ code: "custom", path: [i], message: problem });
    });
  });

const levelName = z.string().regex(LEVEL_NAME, {
  error: (iss) =>
    `invalid risk level ${JSON.stringify(iss.input)} — use lower-case letters, digits and "-"`,
});

const ruleBase = {
  level: levelName.describe("The level a change matching this rule has at least."),
  reason: z
    .string()
    .min(1)
    .optional()
    .describe('Shown with the level, e.g. "touches billing"; a default is made from the rule.'),
};

const pathsRuleSchema = z
  .strictObject({
    paths: globsSchema.describe("Globs (picomatch) of files, e.g. `src/billing/**`."),
    ...ruleBase,
  })
  .describe("A change touching any of these files.");

const migrationsRuleSchema = z
  .strictObject({
    migrations: globsSchema.describe(
      "Globs of migration folders' files, e.g. `migrations/**` or `db/migrate/**`.",
    ),
    ...ruleBase,
  })
  .describe("A change that adds or edits a database migration.");

const dependenciesRuleSchema = z
  .strictObject({
    dependencies: z
      .literal(true)
      .describe(
        "Any dependency manifest or lock file (package.json, package-lock.json, yarn.lock, pnpm-lock.yaml, go.mod, Gemfile.lock, requirements.txt, Cargo.lock, …).",
      ),
    ...ruleBase,
  })
  .describe("A change to dependencies.");

const linesRuleSchema = z
  .strictObject({
    lines: z.number().int().min(1).describe("Lines added plus deleted, at least this many."),
    ...ruleBase,
  })
  .describe("A large change, by lines.");

const filesRuleSchema = z
  .strictObject({
    files: z.number().int().min(1).describe("Files changed, at least this many."),
    ...ruleBase,
  })
  .describe("A large change, by files.");

export const riskRuleSchema = z.union([
  pathsRuleSchema,
  migrationsRuleSchema,
  dependenciesRuleSchema,
  linesRuleSchema,
  filesRuleSchema,
]);

export const DEFAULT_RISK_RULES: z.input<typeof riskRuleSchema>[] = [
  { migrations: ["**/migrations/**", "**/migrate/**"], level: "high" },
  { dependencies: true, level: "medium" },
  { lines: 1000, level: "high" },
  { lines: 300, level: "medium" },
  { files: 50, level: "medium" },
];

/** What a rule matches on, to find two rules that say the same thing differently. */
function ruleKeys(rule: z.output<typeof riskRuleSchema>): string[] {
  if ("paths" in rule) return rule.paths.map((glob) => `path ${glob}`);
  if ("migrations" in rule) return rule.migrations.map((glob) => `path ${glob}`);
  if ("dependencies" in rule) return ["dependencies"];
  if ("lines" in rule) return [`lines ${rule.lines}`];
  return [`files ${rule.files}`];
}

export const riskSchema = z
  .strictObject({
    levels: z
      .array(levelName)
      .min(2)
      .default(DEFAULT_LEVELS)
      .describe("Risk levels, lowest first; a change gets the highest level any rule gives it."),
    rules: z
      .array(riskRuleSchema)
      .default(DEFAULT_RISK_RULES as z.output<typeof riskRuleSchema>[])
      .describe(
        "What makes a change risky. A commit trailer `Risk: <level>` raises its change to that level too.",
      ),
  })
  .superRefine((risk, ctx) => {
    const seen = new Map<string, number>();
    risk.levels.forEach((level, i) => {
      if (risk.levels.indexOf(level) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["levels", i],
          message: `duplicate level "${level}"`,
        });
    });
    risk.rules.forEach((rule, i) => {
      if (!risk.levels.includes(rule.level)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "level"],
          message: `unknown level "${rule.level}" — levels: ${risk.levels.join(", ")}`,
        });
      }
      for (const key of ruleKeys(rule)) {
        const other = seen.get(key);
        if (other !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", i],
            message: `overlaps risk.rules[${other}] (both match ${key}) — merge them into one rule`,
          });
        } else seen.set(key, i);
      }
    });
  })
  .prefault({})
  .describe(
    "How risky a change is: the commits between what is live and the candidate are scored by these rules.",
  );

export type RiskConfig = z.output<typeof riskSchema>;
export type RiskRule = z.output<typeof riskRuleSchema>;
