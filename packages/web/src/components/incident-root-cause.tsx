import { type FormEvent, useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import type { Incident } from "../lib/incident-detail.js";
import { useFormAction, useIncidentChange } from "../lib/use-incident.js";

/** The root cause, and the resolution once there is one; deployers write the root cause here. */
export function IncidentRootCause({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const change = useIncidentChange(incident.id);
  const [draft, setDraft] = useState<string | null>(null);
  const { busy, error, run } = useFormAction();
  const [saved, setSaved] = useState(false);
  const fieldId = useId();
  const text = draft ?? incident.rootCause ?? "";
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await run(() =>
      change(
        unwrap(
          api.PUT("/api/v1/incidents/{id}/root-cause", {
            params: { path: { id: incident.id } },
            body: { rootCause: text },
          }),
        ),
      ),
    );
    if (ok) {
      setDraft(null);
      setSaved(true);
    }
  };

  return (
    <section className="card incident-root-cause" aria-labelledby="incident-root-cause">
      <h2 id="incident-root-cause" className="incident-card-title">
        Root cause
      </h2>
      {canEdit ? (
        <form className="incident-form" onSubmit={(event) => void submit(event)}>
          <label htmlFor={fieldId} className="visually-hidden">
            Root cause
          </label>
          <textarea
            id={fieldId}
            rows={3}
            value={text}
            onChange={(event) => {
              setDraft(event.target.value);
              setSaved(false);
            }}
            placeholder="the cart query lost its index in migration 0042"
            required
          />
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          <div className="toolbar">
            <button
              type="submit"
              className="primary"
              disabled={busy || text.trim() === "" || text === (incident.rootCause ?? "")}
            >
              {busy ? "Saving…" : "Save root cause"}
            </button>
            <output aria-live="polite" className="muted">
              {saved ? "Saved." : ""}
            </output>
          </div>
        </form>
      ) : incident.rootCause ? (
        <p className="incident-prose">{incident.rootCause}</p>
      ) : (
        <p className="muted">Not identified yet. The incident stays open until it is.</p>
      )}
      {incident.resolution && (
        <>
          <h3>Resolution</h3>
          <p className="incident-prose" data-testid="resolution">
            {incident.resolution}
          </p>
        </>
      )}
    </section>
  );
}
