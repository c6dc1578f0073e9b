import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client.js";
import {
  currentStickiness,
  type FlagEnvironment,
  parseRampRows,
  pendingRows,
  type RampRow,
  stickinessChoices,
  stickinessLabel,
} from "../lib/flag-format.js";
import { useFlagChanged } from "../lib/use-flags.js";

const blank: RampRow = { percent: "", at: "" };

/**
 * Plans a ramp: rows of a percentage and a local date and time. Saving replaces the schedule, so
 * the pending steps start as rows and adding a step is adding a row.
 */
export function FlagRampForm(props: { project: string; flagKey: string; env: FlagEnvironment }) {
  const { project, flagKey, env } = props;
  const changed = useFlagChanged(project);
  const planned = pendingRows(env.ramp);
  const [rows, setRows] = useState<RampRow[]>(planned.length > 0 ? planned : [blank]);
  const [stickiness, setStickiness] = useState(env.ramp?.stickiness ?? currentStickiness(env));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (steps: { at: number; percent: number }[]) =>
      unwrap(
        api.PUT("/api/v1/projects/{name}/flags/{key}/environments/{environment}/ramp", {
          params: { path: { name: project, key: flagKey, environment: env.environment } },
          body: { steps, stickiness },
        }),
      ),
    onSuccess: changed,
  });
  const update = (index: number, field: keyof RampRow, value: string) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  const error = problem ?? (save.isError ? save.error.message : null);

  return (
    <details className="flag-ramp-form">
      <summary>{env.ramp ? "Change the ramp" : "Schedule a ramp"}</summary>
      <form
        aria-label={`Ramp steps for ${flagKey} in ${env.environment}`}
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = parseRampRows(rows, Date.now());
          if ("error" in parsed) return setProblem(parsed.error);
          setProblem(null);
          save.mutate(parsed.steps);
        }}
      >
        <ol className="flag-ramp-rows">
          {rows.map((row, index) => (
            // Rows have no identity but their place; removing one re-renders the rest.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="flag-ramp-row">
              <label>
                Percent
                <input
                  type="number"
                  min={1}
                  max={100}
                  step={1}
                  inputMode="numeric"
                  value={row.percent}
                  aria-label={`Step ${index + 1} percent`}
                  onChange={(event) => update(index, "percent", event.target.value)}
                />
              </label>
              <label>
                At
                <input
                  type="datetime-local"
                  value={row.at}
                  aria-label={`Step ${index + 1} time`}
                  onChange={(event) => update(index, "at", event.target.value)}
                />
              </label>
              <button
                type="button"
                className="quiet"
                aria-label={`Remove step ${index + 1}`}
                disabled={rows.length === 1}
                onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <div className="toolbar">
          <button type="button" onClick={() => setRows((current) => [...current, blank])}>
            Add step
          </button>
          <label className="flag-inline-field">
            Sticky by
            <select value={stickiness} onChange={(event) => setStickiness(event.target.value)}>
              {[...new Set([...stickinessChoices, stickiness])].map((choice) => (
                <option key={choice} value={choice}>
                  {stickinessLabel(choice)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : env.ramp ? "Replace the ramp" : "Schedule ramp"}
          </button>
        </div>
        <p className="hint">
          Times are in your time zone. Percentages must rise; 100 % releases it to everyone.
        </p>
        {error && (
          <p className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
