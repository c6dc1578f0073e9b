import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { type FlagType, flagPath, flagTypeHints, flagTypes } from "../lib/flag-format.js";
import { useFlagChanged } from "../lib/use-flags.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

const KEY = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** "New flag" for deployers: key, type and what it guards; opens the new flag's page. */
export function FlagCreateButton({ project }: { project: string }) {
  const user = useUser();
  const action = useDialogAction();
  const changed = useFlagChanged(project);
  const navigate = useNavigate();
  const hintId = useId();
  const [key, setKey] = useState("");
  const [type, setType] = useState<FlagType>("release");
  const [description, setDescription] = useState("");
  if (!user.can("deployer")) return null;

  const submit = () => {
    const wanted = key.trim();
    if (!KEY.test(wanted)) {
      action.setError(
        `"${wanted}" is not a flag key: use 1-100 lowercase letters, digits, '.', '_' or '-', e.g. new-checkout.`,
      );
      return;
    }
    void action.run(async () => {
      const created = await unwrap(
        api.POST("/api/v1/projects/{name}/flags", {
          params: { path: { name: project } },
          body: { key: wanted, type, description: description.trim() || undefined },
        }),
      );
      await changed(created);
      navigate(flagPath(project, created.key));
    });
  };

  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setKey("");
          setType("release");
          setDescription("");
          action.open();
        }}
      >
        New flag
      </button>
      <FormDialog
        action={action}
        title={`New flag in ${project}`}
        className="dialog-form"
        noValidate
        onSubmit={submit}
        confirmLabel="Create flag"
        busyLabel="Creating…"
      >
        <p className="hint">It starts off in every environment until you turn it on.</p>
        <label>
          Key
          <input
            name="key"
            value={key}
            onChange={(event) => setKey(event.target.value)}
            placeholder="new-checkout"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            aria-invalid={action.error !== null && !KEY.test(key.trim())}
            required
          />
        </label>
        <p className="hint" id={hintId}>
          What the code asks for: lowercase letters, digits, '.', '_' or '-'.
        </p>
        <label>
          Type
          <select
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value as FlagType)}
          >
            {flagTypes.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">{flagTypeHints[type]}</p>
        <label>
          Description
          <textarea
            name="description"
            rows={2}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="the new checkout flow"
          />
        </label>
      </FormDialog>
    </>
  );
}
