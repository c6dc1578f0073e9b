import { z } from "zod";

/**
 * `changelog:` in weeknight.yml: whether this project has a public changelog, and which
 * environments' deploys publish customer-facing release notes to it. Absent: no public page.
 */
export const changelogSchema = z
  .strictObject({
    title: z
      .string()
      .min(1)
      .max(120)
      .optional()
      .describe(
        'The public page\'s title, e.g. "Shop: what\'s new"; default "<project> changelog".',
      ),
    publish: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Environments whose successful deploys publish customer release notes (default: `production`, when there is one).",
      ),
  })
  .optional()
  .describe(
    "A public changelog at `/changelog/<project>` with Atom and JSON feeds: customer-facing release notes of every deploy to the `publish` environments, and the announcements you publish. See docs/changelog.md.",
  );

export type ChangelogConfig = NonNullable<z.output<typeof changelogSchema>>;

/** The environments that publish to customers; empty when the project has no changelog. */
export function publishingEnvironments(
  changelog: ChangelogConfig | undefined,
  environments: string[],
): string[] {
  if (!changelog) return [];
  if (changelog.publish) return changelog.publish;
  return environments.includes("production") ? ["production"] : [];
}
