import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readinessItems } from "./readiness-items.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): string[] {
  const text = readFileSync(resolve(repoRoot, file), "utf8");
  // Headings outside fenced code blocks only: `# comment` lines in examples are not sections.
  const outside = text.split(/^```.*$/m).filter((_, index) => index % 2 === 0);
  return outside.flatMap((part) =>
    [...part.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1] ?? "")),
  );
}

describe("readiness items", () => {
  it.each(Object.entries(readinessItems))("%s links to a section that exists", (_id, item) => {
    const [file, section] = item.doc.split("#");
    expect(file).toMatch(/^docs\/[a-z-]+\.md$/);
    expect(anchorsOf(file ?? "")).toContain(section);
  });

  it("each is explained in docs/readiness.md under its id", () => {
    const text = readFileSync(resolve(repoRoot, "docs/readiness.md"), "utf8");
    const headings = [...text.matchAll(/^###\s+(.+)$/gm)].map((m) => m[1] ?? "");
    for (const id of Object.keys(readinessItems)) {
      expect(headings.some((heading) => heading.includes(`\`${id}\``))).toBe(true);
    }
  });
});
