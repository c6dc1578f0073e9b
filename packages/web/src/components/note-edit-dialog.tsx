import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import type { ReleaseNotes } from "../lib/notes-format.js";
import { useNotesChanged } from "../lib/notes-queries.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/**
 * "Edit" for deployers: the customers' and the team's markdown. Edited notes keep their words
 * when the draft is refreshed; editing published notes changes the public changelog at once.
 */
export function NoteEditButton(props: { project: string; notes: ReleaseNotes; label?: string }) {
  const { project, notes } = props;
  const user = useUser();
  const action = useDialogAction();
  const changed = useNotesChanged(project);
  const customerHint = useId();
  const [customer, setCustomer] = useState(notes.customer);
  const [internal, setInternal] = useState(notes.internal);
  if (!user.can("deployer")) return null;

  const published = notes.publishedAt !== null && notes.withdrawnAt === null;
  // Only what changed: the audit log records which notes a person edited.
  const body = {
    ...(customer !== notes.customer && { customer }),
    ...(internal !== notes.internal && { internal }),
  };
  const submit = () =>
    void action.run(async () => {
      if (Object.keys(body).length === 0) return;
      await unwrap(api.PUT("/api/v1/notes/{id}", { params: { path: { id: notes.id } }, body }));
      await changed();
    });

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setCustomer(notes.customer);
          setInternal(notes.internal);
          action.open();
        }}
      >
        {props.label ?? "Edit"}
      </button>
      <FormDialog
        action={action}
        title={`Release notes of build #${notes.buildId} to ${notes.environment}`}
        className="dialog-form note-edit-form"
        onSubmit={submit}
        confirmLabel="Save notes"
        busyLabel="Saving…"
      >
        <label>
          For customers (markdown)
          <textarea
            name="customer"
            rows={8}
            value={customer}
            onChange={(event) => setCustomer(event.target.value)}
            aria-describedby={customerHint}
            spellCheck
          />
        </label>
        <p className="hint" id={customerHint}>
          {published
            ? "Published: saving changes the public changelog and its feeds at once."
            : "Empty: nothing goes to the public changelog for this deploy."}
        </p>
        <label>
          For the team (markdown)
          <textarea
            name="internal"
            rows={8}
            value={internal}
            onChange={(event) => setInternal(event.target.value)}
          />
        </label>
        <p className="hint">
          Your words stay when Weeknight refreshes the draft; only the list of commits follows the
          range.
        </p>
      </FormDialog>
    </>
  );
}
