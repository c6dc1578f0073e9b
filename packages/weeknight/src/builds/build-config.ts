import { DEFAULT_CONFIG_FILE, formatProblem, parseConfig } from "../config/config-loader.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import { interpolateSecrets } from "../config/config-secrets.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";

export type LoadedConfig =
  | { ok: true; config: WeeknightConfig; secrets: Record<string, string> }
  | { ok: false; message: string; problems: string[] };

/** The `weeknight.yml` of a commit, validated and with its `${NAME}` secrets filled in. */
export async function loadBuildConfig(
  projects: ProjectService,
  project: Project,
  sha: string,
): Promise<LoadedConfig> {
  const file = DEFAULT_CONFIG_FILE;
  const text = await projects.mirror(project).readFile(sha, file);
  if (text === null) {
    return {
      ok: false,
      message: `no ${file} at ${sha.slice(0, 7)}: add one at the repository root (see docs/configuration.md)`,
      problems: [],
    };
  }
  const parsed = parseConfig(text, file);
  if (!parsed.ok) {
    const count = parsed.problems.length;
    return {
      ok: false,
      message: `${file} is invalid (${count} problem${count > 1 ? "s" : ""}); check it with \`weeknight validate\``,
      problems: parsed.problems.map(formatProblem),
    };
  }
  const secrets = await projects.secretValues(project);
  const { config, missing } = interpolateSecrets(parsed.config, secrets);
  if (missing.length > 0) {
    return {
      ok: false,
      message: `secret${missing.length > 1 ? "s" : ""} not set: ${missing.join(", ")} — set with \`weeknight secret set ${missing[0]} --project ${project.name}\``,
      problems: [],
    };
  }
  return { ok: true, config, secrets };
}
