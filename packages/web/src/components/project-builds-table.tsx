import { Link } from "react-router";
import type { Build } from "../api/answers.js";
import {
  authorsOf,
  buildDuration,
  describeBuildTrigger,
  firstLine,
  headCommit,
  joinNames,
  shortSha,
} from "../lib/builds-format.js";
import { formatDuration } from "../lib/time.js";
import { TransitionMarker } from "./build-transition.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime, useNow } from "./time.js";

/** A page of a project's builds, newest first: one row per build with its commit and outcome. */
export function BuildsTable({ builds }: { builds: Build[] }) {
  return (
    <div className="table-wrap">
      <table className="builds-table" data-testid="builds">
        <caption className="visually-hidden">Builds, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Build</th>
            <th scope="col">Commit</th>
            <th scope="col" className="hide-narrow">
              Branch
            </th>
            <th scope="col" className="hide-narrow">
              Trigger
            </th>
            <th scope="col" className="hide-narrow">
              Queued
            </th>
            <th scope="col" className="numeric">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {builds.map((build) => (
            <BuildRow key={build.id} build={build} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BuildRow({ build }: { build: Build }) {
  const head = headCommit(build);
  const authors = authorsOf(build);
  const more = build.commits.length - 1;
  return (
    <tr data-testid={`build-${build.id}`} className={`build-row build-row-${build.status}`}>
      <td className="build-ref">
        <StatusChip status={build.status} />{" "}
        <Link to={`/builds/${build.id}`} className="build-id">
          #{build.id}
        </Link>
      </td>
      <td className="build-commit">
        <span className="build-message">
          {head ? firstLine(head.message) : <span className="muted">No commit details</span>}
        </span>
        <span className="build-commit-meta muted">
          <span className="sha">{shortSha(build.sha)}</span>
          {authors.length > 0 && <> · {joinNames(authors)}</>}
          {more > 0 && (
            <>
              {" "}
              · +{more} more {more === 1 ? "commit" : "commits"}
            </>
          )}
          {/* The Queued column is hidden on a phone; its age moves here. */}
          <span className="show-narrow">
            {" "}
            · <RelativeTime at={build.queuedAt} />
          </span>
        </span>
        <TransitionMarker transition={build.transition} build={build} />
      </td>
      <td className="hide-narrow">
        <span className="branch-name">{build.branch}</span>
      </td>
      <td className="hide-narrow muted">{describeBuildTrigger(build.trigger)}</td>
      <td className="nowrap hide-narrow">
        <RelativeTime at={build.queuedAt} />
      </td>
      <td className="numeric nowrap">
        <Duration build={build} />
      </td>
    </tr>
  );
}

/** Finished builds show a fixed time; a running one ticks. */
function Duration({ build }: { build: Build }) {
  if (build.startedAt === null) return <span className="muted">—</span>;
  if (build.finishedAt === null) return <Ticking build={build} />;
  return formatDuration(build.finishedAt - build.startedAt);
}

function Ticking({ build }: { build: Build }) {
  const now = useNow();
  return <>{formatDuration(buildDuration(build, now) ?? 0)}</>;
}
