import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { BuildsTable } from "../components/project-builds-table.js";
import { isNotFound, ProjectHeader, useProject } from "../components/project-header.js";
import { ReadinessCard } from "../components/readiness-card.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { useTitle } from "../lib/use-title.js";

const PAGE_SIZE = 25;

/** Where "Newer builds" goes back to: the cursors of the pages visited before this one. */
interface PagingState {
  trail?: (number | null)[];
}

/** A project's builds, newest first, paged on the server with `?before=<id>` in the URL. */
export function ProjectPage() {
  const project = useParams().project ?? "";
  useTitle(project);
  const [search] = useSearchParams();
  const before = parseCursor(search.get("before"));
  const details = useProject(project);

  const builds = useQuery({
    queryKey: ["builds", project, before],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/builds", {
          params: { query: { project, limit: PAGE_SIZE, ...(before ? { before } : {}) } },
        }),
      ),
    // Keep the old page on screen while the next loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });

  // The header says the project does not exist; an empty build list under it would mislead.
  if (isNotFound(details.error)) return <ProjectHeader project={project} />;
  return (
    <>
      <ProjectHeader project={project} />
      <section aria-labelledby="builds-heading" className="project-builds">
        <div className="section-head">
          <h2 id="builds-heading">Builds</h2>
          <BuildNow project={project} />
        </div>
        {builds.isPending ? (
          <Loading what="builds" />
        ) : builds.isError ? (
          <ErrorState error={builds.error} retry={() => void builds.refetch()} />
        ) : builds.data.length === 0 && before === null ? (
          <EmptyState title="No builds yet">
            <p>
              Weeknight builds each new commit on the project's branch as soon as a push webhook or
              the poller sees it. Push a commit, or press <strong>Build now</strong>.
            </p>
          </EmptyState>
        ) : builds.data.length === 0 ? (
          <EmptyState title="No older builds">
            <p>
              <Link to="?">Back to the newest builds</Link>
            </p>
          </EmptyState>
        ) : (
          <>
            <BuildsTable builds={builds.data} />
            {(before !== null || builds.data.length === PAGE_SIZE) && (
              <Pager
                before={before}
                lastId={builds.data.at(-1)?.id ?? null}
                hasOlder={builds.data.length === PAGE_SIZE}
                busy={builds.isPlaceholderData}
              />
            )}
          </>
        )}
      </section>
      <ReadinessCard project={project} />
    </>
  );
}

function parseCursor(value: string | null): number | null {
  const cursor = Number(value);
  return value && Number.isInteger(cursor) && cursor > 0 ? cursor : null;
}

/**
 * "Newer" and "Older" controls. The API pages backwards only, so "Newer" returns along the trail
 * of pages visited; a deep link to an old page has no trail and offers the newest page instead.
 */
function Pager(props: {
  before: number | null;
  lastId: number | null;
  hasOlder: boolean;
  busy: boolean;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const trail = (location.state as PagingState | null)?.trail ?? [];
  const goOlder = () => {
    if (props.lastId === null) return;
    navigate(`?before=${props.lastId}`, { state: { trail: [...trail, props.before] } });
  };
  const goNewer = () => {
    const previous = trail.at(-1) ?? null;
    navigate(previous ? `?before=${previous}` : "?", { state: { trail: trail.slice(0, -1) } });
  };
  return (
    <nav className="builds-pager" aria-label="Build pages" aria-busy={props.busy}>
      <button type="button" onClick={goNewer} disabled={props.before === null}>
        <span aria-hidden="true">← </span>
        {props.before !== null && trail.length === 0 ? "Newest builds" : "Newer builds"}
      </button>
      <button type="button" onClick={goOlder} disabled={!props.hasOlder}>
        Older builds<span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** Deployers can build the branch head now, without waiting for a push or the poller. */
function BuildNow({ project }: { project: string }) {
  const user = useUser();
  const queries = useQueryClient();
  const trigger = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/projects/{name}/builds", {
          params: { path: { name: project } },
          body: {},
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["builds", project] }),
  });
  if (!user.can("deployer")) return null;
  return (
    <div className="build-now">
      <button
        type="button"
        className="primary"
        disabled={trigger.isPending}
        onClick={() => trigger.mutate()}
      >
        {trigger.isPending ? "Queueing…" : "Build now"}
      </button>
      <p className="build-now-status" aria-live="polite">
        {trigger.isSuccess && (
          <span>
            Queued <Link to={`/builds/${trigger.data.id}`}>build #{trigger.data.id}</Link>.
          </span>
        )}
        {trigger.isError && <span className="bad-text">{trigger.error.message}</span>}
      </p>
    </div>
  );
}
