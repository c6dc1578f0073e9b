import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { incidentPath, type Severity, severities, severityLabels } from "../lib/incident-list.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/** "Open incident", for deployers: project, environment, title and severity, then the new incident. */
export function OpenIncidentButton() {
  const user = useUser();
  const navigate = useNavigate();
  const action = useDialogAction();
  const overview = useQuery({
    queryKey: ["overview"],
    queryFn: () => unwrap(api.GET("/api/v1/overview")),
  });
  const [project, setProject] = useState("");
  const [environment, setEnvironment] = useState("");
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("sev2");
  const ids = { project: useId(), environment: useId(), name: useId() };
  if (!user.can("deployer")) return null;

  const projects = overview.data ?? [];
  const chosen = projects.find((entry) => entry.project === project) ?? projects[0];
  const environments = chosen?.environments.map((env) => env.name) ?? [];
  const chosenEnvironment = environments.includes(environment) ? environment : environments.at(-1);

  const submit = () => {
    if (!chosen || !chosenEnvironment) return;
    void action.run(async () => {
      const incident = await unwrap(
        api.POST("/api/v1/incidents", {
          body: { project: chosen.project, environment: chosenEnvironment, title, severity },
        }),
      );
      setTitle("");
      navigate(incidentPath(incident.id));
    });
  };

  return (
    <>
      <button type="button" className="primary" onClick={action.open}>
        Open incident
      </button>
      <FormDialog
        action={action}
        title="Open an incident"
        className="incident-form"
        onSubmit={submit}
        confirmLabel="Open incident"
        busyLabel="Opening…"
        confirmDisabled={!chosenEnvironment}
      >
        <label htmlFor={ids.project}>Project</label>
        <select
          id={ids.project}
          value={chosen?.project ?? ""}
          onChange={(event) => setProject(event.target.value)}
          required
        >
          {projects.map((entry) => (
            <option key={entry.project} value={entry.project}>
              {entry.project}
            </option>
          ))}
        </select>
        <label htmlFor={ids.environment}>Environment</label>
        <select
          id={ids.environment}
          value={chosenEnvironment ?? ""}
          onChange={(event) => setEnvironment(event.target.value)}
          required
        >
          {environments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.name}>Title</label>
        <input
          id={ids.name}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="checkout slow for EU customers"
          required
        />
        <fieldset className="incident-severity">
          <legend>Severity</legend>
          {severities.map((value) => (
            <label key={value} className="inline-choice">
              <input
                type="radio"
                name="severity"
                value={value}
                checked={severity === value}
                onChange={() => setSeverity(value)}
              />
              {severityLabels[value]}
            </label>
          ))}
        </fieldset>
        {projects.length === 0 && !overview.isPending && (
          <p className="hint">There is no project yet to open an incident for.</p>
        )}
      </FormDialog>
    </>
  );
}
