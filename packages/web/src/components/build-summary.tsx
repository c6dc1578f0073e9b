import { Link } from "react-router";
import type { Build } from "../api/answers.js";
import {
  buildDuration,
  describeBuildTrigger,
  firstLine,
  formatBytes,
  shortSha,
} from "../lib/builds-format.js";
import { projectPath } from "../lib/builds-overview.js";
import { formatDuration } from "../lib/time.js";
import { RelativeTime, useNow } from "./time.js";

/** What was built and when: project, commit, branch, trigger, the three times and the total. */
export function BuildFacts({ build }: { build: Build }) {
  return (
    <dl className="build-facts">
      <div>
        <dt>Project</dt>
        <dd>
          <Link to={projectPath(build.project)}>{build.project}</Link>
        </dd>
      </div>
      <div>
        <dt>Commit</dt>
        <dd>
          <span className="sha" title={build.sha}>
            {shortSha(build.sha)}
          </span>{" "}
          on <span className="branch-name">{build.branch}</span>
        </dd>
      </div>
      <div>
        <dt>Trigger</dt>
        <dd>{describeBuildTrigger(build.trigger)}</dd>
      </div>
      <div>
        <dt>Queued</dt>
        <dd>
          <RelativeTime at={build.queuedAt} />
        </dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{build.startedAt === null ? "—" : <RelativeTime at={build.startedAt} />}</dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>{build.finishedAt === null ? "—" : <RelativeTime at={build.finishedAt} />}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>
          <TotalDuration build={build} />
        </dd>
      </div>
    </dl>
  );
}

function TotalDuration({ build }: { build: Build }) {
  const now = useNow();
  const duration = buildDuration(build, now);
  return <>{duration === null ? "—" : formatDuration(duration)}</>;
}

/** The commits the build brought in, newest first, each with who wrote it and when. */
export function BuildCommits({ build }: { build: Build }) {
  if (build.commits.length === 0) return null;
  return (
    <section aria-labelledby="commits-heading">
      <h2 id="commits-heading">
        {build.commits.length === 1 ? "Commit" : `Commits (${build.commits.length})`}
      </h2>
      <ul className="build-commit-list">
        {build.commits.map((commit) => (
          <li key={commit.sha}>
            <span className="commit-subject">{firstLine(commit.message)}</span>
            <span className="muted commit-meta">
              <span className="sha" title={commit.sha}>
                {shortSha(commit.sha)}
              </span>{" "}
              · <span title={commit.authorEmail}>{commit.authorName}</span> ·{" "}
              <RelativeTime at={commit.committedAt} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The passed build's artifact: a download link with its size and checksum to verify it. */
export function BuildArtifact({ build }: { build: Build }) {
  if (!build.artifact) return null;
  return (
    <section className="build-artifact card" aria-labelledby="artifact-heading">
      <h2 id="artifact-heading">Artifact</h2>
      <p>
        <a className="button" href={`/api/v1/builds/${build.id}/artifact`} download>
          Download artifact
        </a>{" "}
        <span className="muted">
          {formatBytes(build.artifact.size)}, tar.gz, made{" "}
          <RelativeTime at={build.artifact.createdAt} />
        </span>
      </p>
      <p className="build-artifact-sum">
        <span className="muted">sha256</span> <code>{build.artifact.sha256}</code>
      </p>
    </section>
  );
}
