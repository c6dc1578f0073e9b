import { useParams, useSearchParams } from "react-router";
import { FlagCreateButton } from "../components/flag-create-dialog.js";
import { FlagSegments } from "../components/flag-segments.js";
import { FlagsTable } from "../components/flags-table.js";
import { isNotFound, ProjectHeader, useProject } from "../components/project-header.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { environmentsOf } from "../lib/flag-format.js";
import { useFlags } from "../lib/use-flags.js";
import { useTitle } from "../lib/use-title.js";

/** A project's feature flags: where each stands in every environment, and its segments. */
export function FlagsPage() {
  const project = useParams().project ?? "";
  useTitle(`Flags · ${project}`);
  const [search, setSearch] = useSearchParams();
  const staleOnly = search.get("stale") === "true";
  const details = useProject(project);
  const flags = useFlags(project, staleOnly);

  if (isNotFound(details.error)) return <ProjectHeader project={project} />;
  return (
    <>
      <ProjectHeader project={project} />
      <section aria-labelledby="flags-heading" className="flags-page">
        <div className="section-head">
          <h2 id="flags-heading">Feature flags</h2>
          <div className="toolbar flags-toolbar">
            <label className="flag-check">
              {/* Uncontrolled, remounted when the URL changes: it ticks at once, while the
                  router's navigation may still be pending. */}
              <input
                key={String(staleOnly)}
                type="checkbox"
                defaultChecked={staleOnly}
                onChange={(event) => setSearch(event.target.checked ? { stale: "true" } : {})}
              />
              Stale only
            </label>
            <FlagCreateButton project={project} />
          </div>
        </div>
        {flags.isPending ? (
          <Loading what="flags" />
        ) : flags.isError ? (
          <ErrorState error={flags.error} retry={() => void flags.refetch()} />
        ) : flags.data.length === 0 ? (
          staleOnly ? (
            <EmptyState title="No stale flags">
              A release flag turns stale 30 days after it reaches everyone (an experiment after 40):
              then it is time to delete it from the code.
            </EmptyState>
          ) : (
            <EmptyState title="No flags yet">
              Ship code dark behind a flag, then turn it on for admins, a few customers, a share of
              users and finally everyone. Press <strong>New flag</strong>, or run{" "}
              <code>weeknight flag create new-checkout</code>.
            </EmptyState>
          )
        ) : (
          <>
            {environmentsOf(flags.data).length === 0 && (
              <p className="notice notice-warn">
                {project} has no environments yet: they come from the weeknight.yml of its newest
                green build.
              </p>
            )}
            <FlagsTable
              project={project}
              flags={flags.data}
              environments={environmentsOf(flags.data)}
            />
          </>
        )}
      </section>
      <FlagSegments project={project} />
    </>
  );
}
