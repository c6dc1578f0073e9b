import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import {
  type Incident,
  sortTimeline,
  timelineAlertPath,
  timelineKindLabel,
} from "../lib/incident-detail.js";
import { formatTimestamp } from "../lib/time.js";
import { useFormAction, useIncidentChange } from "../lib/use-incident.js";

/** What happened, oldest first; deployers add notes at the end. */
export function IncidentTimeline({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  return (
    <section className="incident-timeline-section" aria-labelledby="incident-timeline">
      <h2 id="incident-timeline">Timeline</h2>
      <ol className="incident-timeline" data-testid="timeline">
        {sortTimeline(incident.timeline).map((event) => {
          const alertPath = timelineAlertPath(event, incident.project);
          return (
            <li key={event.id} className={`timeline-event timeline-${event.kind}`}>
              <time dateTime={new Date(event.at).toISOString()}>{formatTimestamp(event.at)}</time>
              <span className="timeline-kind">{timelineKindLabel(event.kind)}</span>
              <span className="timeline-actor">{event.actor}</span>
              <p className="timeline-text">
                {event.text}
                {alertPath && (
                  <>
                    {" "}
                    <Link to={alertPath}>
                      {event.monitor ? `${event.monitor} alert` : "alert"}
                      {event.alertId !== null && ` #${event.alertId}`}
                    </Link>
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
      {canEdit && <NoteForm id={incident.id} />}
    </section>
  );
}

function NoteForm({ id }: { id: number }) {
  const change = useIncidentChange(id);
  const [text, setText] = useState("");
  const { busy, error, run } = useFormAction();
  const noteId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await run(() =>
      change(
        unwrap(
          api.POST("/api/v1/incidents/{id}/notes", { params: { path: { id } }, body: { text } }),
        ),
      ),
    );
    if (added) setText("");
  };
  return (
    <form className="incident-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={noteId}>Add a note</label>
      <textarea
        id={noteId}
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="rolled back by hand at 21:40"
        required
      />
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" disabled={busy || text.trim() === ""}>
          {busy ? "Adding…" : "Add note"}
        </button>
      </div>
    </form>
  );
}
