import {
  authorsOf,
  type BuildSummary,
  type Transition,
  transitionLabel,
} from "../lib/builds-format.js";

/** "broken by Ada" / "fixed by Bob" next to a build that turned the branch red or green again. */
export function TransitionMarker({
  transition,
  build,
}: {
  transition: Transition;
  build: Pick<BuildSummary, "commits">;
}) {
  const label = transitionLabel(transition, authorsOf(build));
  if (!label) return null;
  return (
    <span className={`build-transition build-transition-${transition}`}>
      <span aria-hidden="true">{transition === "broke" ? "✗ " : "✓ "}</span>
      {label}
    </span>
  );
}
