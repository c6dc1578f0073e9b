import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { parseContext } from "../lib/flag-format.js";
import { flagKeys } from "../lib/use-flags.js";

type Evaluation = Awaited<ReturnType<typeof evaluate>>;

function evaluate(
  project: string,
  key: string,
  environment: string,
  context: Record<string, string>,
) {
  return unwrap(
    api.POST("/api/v1/projects/{name}/flags/{key}/evaluate", {
      params: { path: { name: project, key } },
      body: { environment, context },
    }),
  );
}

/**
 * "Who gets it": the decision for one user, as SDKs would make it in the environment shown, and
 * why, rule by rule. Viewers may ask too: it changes nothing. A query under the flag's key, so
 * the answer follows when the flag changes (here or live) or another environment is picked.
 */
export function FlagPreview(props: { project: string; flagKey: string; environment: string }) {
  const { project, flagKey, environment } = props;
  const [fields, setFields] = useState({ userId: "", customerId: "", role: "" });
  const [extra, setExtra] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const headingId = useId();
  const [context, setContext] = useState<Record<string, string> | null>(null);
  const check = useQuery({
    queryKey: [...flagKeys.one(project, flagKey), "preview", environment, context],
    queryFn: () => evaluate(project, flagKey, environment, context ?? {}),
    enabled: context !== null,
    // A refused context (400) stays refused; the message says what to fix.
    retry: false,
  });
  const field = (name: keyof typeof fields, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        value={fields[name]}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
      />
    </label>
  );

  return (
    <section className="flag-preview card" aria-labelledby={headingId} data-testid="flag-preview">
      <h2 id={headingId} className="flag-preview-title">
        Who gets it in {environment}
      </h2>
      <form
        className="flag-preview-form"
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = parseContext(fields, extra);
          if ("error" in parsed) return setProblem(parsed.error);
          setProblem(null);
          if (JSON.stringify(parsed.context) === JSON.stringify(context)) void check.refetch();
          else setContext(parsed.context);
        }}
      >
        {field("userId", "userId", "u-123")}
        {field("customerId", "customerId", "acme")}
        {field("role", "role", "admin")}
        <label className="flag-preview-extra">
          Other fields
          <textarea
            rows={2}
            value={extra}
            placeholder="plan=enterprise"
            spellCheck={false}
            onChange={(event) => setExtra(event.target.value)}
          />
        </label>
        <div className="flag-preview-submit">
          <button type="submit" className="primary" disabled={check.isFetching}>
            {check.isFetching ? "Checking…" : "Check"}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {(problem ?? check.error) && (
          <p className="notice notice-bad" role="alert">
            {problem ?? check.error?.message}
          </p>
        )}
        {check.data && !problem && <Decision environment={environment} evaluation={check.data} />}
      </div>
    </section>
  );
}

function Decision({ environment, evaluation }: { environment: string; evaluation: Evaluation }) {
  return (
    <div className="flag-decision" data-testid="flag-decision">
      <p>
        <span className="muted">In {environment}: </span>
        <span className={`chip ${evaluation.enabled ? "chip-good" : "chip-idle"}`}>
          {evaluation.enabled ? "On" : "Off"}
        </span>{" "}
        <span className="flag-reason">{evaluation.reason}</span>
        {evaluation.variant.name !== "disabled" && (
          <span className="muted">
            {" "}
            · variant <strong>{evaluation.variant.name}</strong>
            {evaluation.variant.payload && <> ({evaluation.variant.payload.value})</>}
          </span>
        )}
      </p>
      {evaluation.rules.length > 0 && (
        <table className="flag-decision-rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Matches</th>
              <th scope="col">In rollout</th>
            </tr>
          </thead>
          <tbody>
            {evaluation.rules.map((rule) => (
              <tr key={rule.name}>
                <th scope="row" className="flag-row-head">
                  {rule.name}
                </th>
                <td>{rule.matches ? "yes" : "no"}</td>
                <td>{rule.inRollout ? "yes" : rule.matches ? "no" : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
