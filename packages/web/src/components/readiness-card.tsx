import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import {
  currentTitle,
  itemsByArea,
  levelTrack,
  nextSummary,
  type Readiness,
  statusMarks,
} from "../lib/readiness-format.js";
import { ErrorState, Loading } from "./states.js";

/**
 * How far the project is on the way to continuous deployment: the level as a four-step track,
 * every prerequisite by area with what was found, and what the next level still needs.
 */
export function ReadinessCard({ project }: { project: string }) {
  const readiness = useQuery({
    queryKey: ["readiness", project],
    queryFn: () =>
      unwrap(api.GET("/api/v1/projects/{name}/readiness", { params: { path: { name: project } } })),
  });
  return (
    <section
      className="card readiness-card"
      aria-labelledby="readiness-title"
      data-testid="readiness"
    >
      <h2 id="readiness-title" className="readiness-title">
        Continuous deployment readiness
      </h2>
      {readiness.isPending ? (
        <Loading what="the readiness checklist" />
      ) : readiness.isError ? (
        <ErrorState error={readiness.error} retry={() => void readiness.refetch()} />
      ) : (
        <ReadinessDetails readiness={readiness.data} />
      )}
    </section>
  );
}

function ReadinessDetails({ readiness }: { readiness: Readiness }) {
  const next = nextSummary(readiness);
  return (
    <>
      <p className="readiness-level">
        Level: <strong data-testid="readiness-level">{currentTitle(readiness.level)}</strong>
        {readiness.configBuildId === null && (
          <span className="muted"> (no passed build yet: weeknight.yml was not read)</span>
        )}
      </p>
      <ol className="readiness-track" aria-label="Adoption levels">
        {levelTrack(readiness.level).map((step, index) => (
          <li
            key={step.level}
            className={`readiness-step readiness-${step.state}`}
            aria-current={step.level === readiness.level.current ? "step" : undefined}
          >
            <span className="readiness-step-marker" aria-hidden="true">
              {step.state === "reached" ? "✓" : index + 1}
            </span>
            <span className="readiness-step-title">{step.title}</span>
            <span className="visually-hidden">
              {step.state === "reached" ? " (reached)" : step.state === "next" ? " (next)" : ""}
            </span>
          </li>
        ))}
      </ol>
      <p className="readiness-summary" data-testid="readiness-next">
        {next ? (
          <>
            <strong>Next: {next.title}</strong>
            {next.needs.length > 0 && <> — still missing: {next.needs.join("; ")}.</>}
          </>
        ) : (
          <strong>
            Every prerequisite is met: this project is ready for continuous deployment.
          </strong>
        )}
      </p>
      <div className="readiness-areas">
        {itemsByArea(readiness.items).map((group) => (
          <section key={group.area} aria-labelledby={`readiness-${group.area}`}>
            <h3 id={`readiness-${group.area}`}>
              {group.title}{" "}
              <span className="muted readiness-count">
                {group.met} of {group.items.length} met
              </span>
            </h3>
            <ul className="readiness-items">
              {group.items.map((item) => {
                const status = statusMarks[item.status];
                return (
                  <li
                    key={item.id}
                    className="readiness-item"
                    data-testid={`readiness-item-${item.id}`}
                  >
                    <span className={`readiness-mark chip-${status.tone}`} aria-hidden="true">
                      {status.mark}
                    </span>
                    <span className="visually-hidden">{status.label}: </span>
                    <span className="readiness-item-title">{item.title}</span>
                    <span className="readiness-detail muted">{item.detail}</span>
                    <span className="readiness-doc">
                      How: <code>{item.doc}</code>
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
