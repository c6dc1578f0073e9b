import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { Build } from "../api/answers.js";
import { ApiError, api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { useBuildLog } from "../components/build-log.js";
import { BuildStages } from "../components/build-stages.js";
import { BuildArtifact, BuildCommits, BuildFacts } from "../components/build-summary.js";
import { TransitionMarker } from "../components/build-transition.js";
import { ConfirmButton } from "../components/confirm-button.js";
import { LogView } from "../components/log-view.js";
import { ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { firstLine, headCommit, isBuildActive } from "../lib/builds-format.js";
import { projectPath } from "../lib/builds-overview.js";
import { useTitle } from "../lib/use-title.js";

/** One build: what it built, its stages, its live log, its artifact, and a way to cancel it. */
export function BuildPage() {
  const raw = useParams().id ?? "";
  const id = Number(raw);
  const valid = Number.isInteger(id) && id > 0;
  useTitle(valid ? `Build #${id}` : "Build");
  const build = useQuery({
    // A number, as live events carry it, so `build.*` events refresh this page.
    queryKey: ["build", id],
    queryFn: () => unwrap(api.GET("/api/v1/builds/{id}", { params: { path: { id } } })),
    enabled: valid,
  });

  if (!valid) {
    const error = new ApiError(404, "NOT_FOUND", `"${raw}" is not a build number.`);
    return (
      <>
        <h1>Build</h1>
        <ErrorState error={error} />
      </>
    );
  }
  if (build.isPending || build.isError) {
    return (
      <>
        <h1>Build #{id}</h1>
        {build.isError ? (
          <ErrorState error={build.error} retry={() => void build.refetch()} />
        ) : (
          <Loading what={`build #${id}`} />
        )}
      </>
    );
  }
  return <BuildDetails key={id} build={build.data} checkpoint={build.dataUpdatedAt} />;
}

function BuildDetails({ build, checkpoint }: { build: Build; checkpoint: number }) {
  const [stage, setStage] = useState<string | null>(null);
  const active = isBuildActive(build.status);
  // Keep filling log gaps on refetches for a build seen running here, including its last one.
  const seenActive = useRef(active);
  if (active) seenActive.current = true;
  const log = useBuildLog(build.id, seenActive.current ? checkpoint : 0);
  const head = headCommit(build);
  useTitle(`Build #${build.id} ${build.status} · ${build.project}`);

  return (
    <>
      <header className="build-head">
        <p className="crumbs">
          <Link to="/">Overview</Link> <span aria-hidden="true">/</span>{" "}
          <Link to={projectPath(build.project)}>{build.project}</Link>{" "}
          <span aria-hidden="true">/</span>
        </p>
        <div className="build-title">
          <h1>
            Build #{build.id}
            {head && <span className="build-title-message"> {firstLine(head.message)}</span>}
          </h1>
          <span className="build-status" data-testid="build-status" aria-live="polite">
            <StatusChip status={build.status} />
          </span>
          <TransitionMarker transition={build.transition} build={build} />
          {active && <CancelBuild id={build.id} />}
        </div>
        {build.error && (
          <p className="notice notice-bad" role="status">
            {build.error}
          </p>
        )}
        <BuildFacts build={build} />
      </header>
      <div className="build-layout">
        <div className="build-main">
          <section aria-labelledby="stages-heading">
            <h2 id="stages-heading">Stages</h2>
            <BuildStages stages={build.stages} selected={stage} onSelect={setStage} />
          </section>
          <LogView
            log={log}
            stages={build.stages.map((s) => s.name)}
            stage={stage}
            onStage={setStage}
            running={active}
            startAtEnd={build.status === "failed"}
            downloadName={`${build.project}-build-${build.id}.log.txt`}
          />
        </div>
        <aside className="build-side">
          <BuildArtifact build={build} />
          <BuildCommits build={build} />
        </aside>
      </div>
    </>
  );
}

/** Deployers can stop a queued or running build; the server kills its whole process tree. */
function CancelBuild({ id }: { id: number }) {
  const user = useUser();
  const queries = useQueryClient();
  if (!user.can("deployer")) return null;
  return (
    <ConfirmButton
      label="Cancel build"
      title={`Cancel build #${id}?`}
      confirmLabel="Cancel build"
      danger
      onConfirm={async () => {
        const cancelled = await unwrap(
          api.POST("/api/v1/builds/{id}/cancel", { params: { path: { id } } }),
        );
        queries.setQueryData(["build", id], cancelled);
      }}
    >
      <p>
        Its running stage is stopped and the remaining stages are skipped. It cannot be resumed.
      </p>
    </ConfirmButton>
  );
}
