import type { Build } from "../api/answers.js";
import { stageDuration } from "../lib/builds-format.js";
import { formatDuration } from "../lib/time.js";
import { StatusChip } from "./status-chip.js";
import { useNow } from "./time.js";

type Stage = Build["stages"][number];

/** The build's stages in order, each with its outcome and time; a click shows only its log. */
export function BuildStages(props: {
  stages: Stage[];
  selected: string | null;
  onSelect: (stage: string | null) => void;
}) {
  if (props.stages.length === 0) {
    return <p className="muted">Stages appear here once the build reads its weeknight.yml.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="stages-table">
        <caption className="visually-hidden">Stages, in the order they run</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Duration
            </th>
            <th scope="col" className="hide-narrow">
              Result
            </th>
          </tr>
        </thead>
        <tbody>
          {props.stages.map((stage) => {
            const selected = props.selected === stage.name;
            return (
              <tr key={stage.position} className={selected ? "stage-row selected" : "stage-row"}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button stage-name"
                    aria-pressed={selected}
                    title={selected ? "Show every stage's log" : "Show only this stage's log"}
                    onClick={() => props.onSelect(selected ? null : stage.name)}
                  >
                    {stage.name}
                  </button>
                </th>
                <td>
                  <StatusChip status={stage.status} />
                </td>
                <td className="numeric nowrap">
                  <StageDuration stage={stage} />
                </td>
                <td className="hide-narrow muted">{stageResult(stage)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function stageResult(stage: Stage): string {
  if (stage.message) return stage.message;
  if (stage.exitCode !== null && stage.exitCode !== 0) return `exit code ${stage.exitCode}`;
  return "";
}

function StageDuration({ stage }: { stage: Stage }) {
  if (stage.startedAt === null) return <span className="muted">—</span>;
  if (stage.finishedAt !== null) return <>{formatDuration(stage.finishedAt - stage.startedAt)}</>;
  return <Elapsed stage={stage} />;
}

/** A running stage's time, ticking every second. */
function Elapsed({ stage }: { stage: Stage }) {
  const now = useNow();
  return <>{formatDuration(stageDuration(stage, now) ?? 0)}</>;
}
