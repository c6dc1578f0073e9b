import { type FormEvent, useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import {
  type FollowUp,
  type FollowUpKind,
  followUpKindLabels,
  followUpKinds,
  followUpProgress,
  type Incident,
  sortFollowUps,
} from "../lib/incident-detail.js";
import { useFormAction, useIncidentChange } from "../lib/use-incident.js";
import { StatusChip } from "./status-chip.js";

/** Which test, monitor or process change would have caught it sooner, and whether it is done. */
export function IncidentFollowUps({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const progress = followUpProgress(incident.followUps);
  return (
    <section className="incident-follow-ups" aria-labelledby="incident-follow-ups">
      <h2 id="incident-follow-ups">
        Follow-ups {progress && <span className="muted">({progress})</span>}
      </h2>
      {incident.followUps.length === 0 ? (
        <p className="muted">
          None yet: name the test, monitor or process change that would have caught this sooner.
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="follow-ups">
            <thead>
              <tr>
                <th scope="col">Done</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {sortFollowUps(incident.followUps).map((followUp) => (
                <FollowUpRow
                  key={followUp.id}
                  incidentId={incident.id}
                  followUp={followUp}
                  canEdit={canEdit}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <FollowUpForm id={incident.id} />}
    </section>
  );
}

function FollowUpRow(props: { incidentId: number; followUp: FollowUp; canEdit: boolean }) {
  const { incidentId, followUp, canEdit } = props;
  const change = useIncidentChange(incidentId);
  const { busy, error, run } = useFormAction();
  const toggle = (done: boolean) =>
    void run(() =>
      change(
        unwrap(
          api.PATCH("/api/v1/incidents/{id}/follow-ups/{followUpId}", {
            params: { path: { id: incidentId, followUpId: followUp.id } },
            body: { done },
          }),
        ),
      ),
    );
  return (
    <tr data-testid="follow-up" className={followUp.done ? "follow-up-done" : undefined}>
      <td>
        {canEdit ? (
          <label className="inline-choice">
            <input
              type="checkbox"
              checked={followUp.done}
              disabled={busy}
              onChange={(event) => toggle(event.target.checked)}
            />
            <span className="visually-hidden">Done: {followUp.text}</span>
          </label>
        ) : null}
        <span className={canEdit ? "visually-hidden" : undefined}>
          {followUp.done ? "done" : "to do"}
        </span>
      </td>
      <td>
        <StatusChip status={followUp.kind} />
      </td>
      <td>{followUp.owner}</td>
      <td className="incident-prose follow-up-text">
        {followUp.text}
        {error && (
          <span className="notice notice-bad" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

function FollowUpForm({ id }: { id: number }) {
  const user = useUser();
  const change = useIncidentChange(id);
  const { busy, error, run } = useFormAction();
  const [kind, setKind] = useState<FollowUpKind>("missing-test");
  const [owner, setOwner] = useState(user.username);
  const [text, setText] = useState("");
  const ids = { kind: useId(), owner: useId(), text: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await run(() =>
      change(
        unwrap(
          api.POST("/api/v1/incidents/{id}/follow-ups", {
            params: { path: { id } },
            body: { kind, owner, text },
          }),
        ),
      ),
    );
    if (added) setText("");
  };
  return (
    <form
      className="incident-follow-up-form"
      aria-label="Add a follow-up"
      onSubmit={(event) => void submit(event)}
    >
      <label htmlFor={ids.kind}>Kind</label>
      <select
        id={ids.kind}
        value={kind}
        onChange={(event) => setKind(event.target.value as FollowUpKind)}
      >
        {followUpKinds.map((value) => (
          <option key={value} value={value}>
            {followUpKindLabels[value]}
          </option>
        ))}
      </select>
      <label htmlFor={ids.owner}>Owner</label>
      <input
        id={ids.owner}
        value={owner}
        onChange={(event) => setOwner(event.target.value)}
        autoComplete="off"
        required
      />
      <label htmlFor={ids.text}>Follow-up</label>
      <input
        id={ids.text}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="alert on cart p99 > 1s"
        required
      />
      <button type="submit" disabled={busy || text.trim() === "" || owner.trim() === ""}>
        {busy ? "Adding…" : "Add follow-up"}
      </button>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
