import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { normalizeSecretName, secretNameProblem } from "../lib/settings-validation.js";
import { ConfirmButton } from "./confirm-button.js";
import { SettingsProjectPicker } from "./settings-project-picker.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

/** A project's secrets: names only, since values are write-only and never leave the server. */
export function SettingsSecrets() {
  return (
    <section aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets</h2>
      <p className="hint">
        Secrets fill <code>{"${NAME}"}</code> references in <code>weeknight.yml</code> at build and
        deploy time, and are masked in logs. Values are write-only: once saved, nobody can read them
        back here, only replace them.
      </p>
      <SettingsProjectPicker>
        {(project) => <ProjectSecrets project={project} />}
      </SettingsProjectPicker>
    </section>
  );
}

function ProjectSecrets({ project }: { project: string }) {
  const queries = useQueryClient();
  const key = ["secrets", project];
  // Replacing remounts the form with the name filled in (a new round each click).
  const [prefill, setPrefill] = useState({ name: "", round: 0 });
  const secrets = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET("/api/v1/projects/{name}/secrets", { params: { path: { name: project } } })),
  });
  const remove = async (secret: string) => {
    await unwrap(
      api.DELETE("/api/v1/projects/{name}/secrets/{secret}", {
        params: { path: { name: project, secret } },
      }),
    );
    await queries.invalidateQueries({ queryKey: key });
  };
  return (
    <>
      <SetSecretForm
        key={`${project}-${prefill.round}`}
        project={project}
        initialName={prefill.name}
      />
      {secrets.isPending ? (
        <Loading what="secrets" />
      ) : secrets.isError ? (
        <ErrorState error={secrets.error} retry={() => void secrets.refetch()} />
      ) : secrets.data.length === 0 ? (
        <EmptyState title={`${project} has no secrets`}>
          Set one above for each <code>{"${NAME}"}</code> its weeknight.yml references.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {secrets.data.map((secret) => (
                <tr key={secret.name}>
                  <td className="mono">{secret.name}</td>
                  <td>
                    <RelativeTime at={secret.updatedAt} />
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="quiet"
                      onClick={() =>
                        setPrefill((previous) => ({ name: secret.name, round: previous.round + 1 }))
                      }
                    >
                      Replace<span className="visually-hidden"> {secret.name}</span>
                    </button>
                    <ConfirmButton
                      label="Delete"
                      title={`Delete ${secret.name}?`}
                      danger
                      onConfirm={() => remove(secret.name)}
                    >
                      <p>
                        Builds and deployments of {project} that reference{" "}
                        <code>{`\${${secret.name}}`}</code> fail until it is set again. The value
                        cannot be recovered.
                      </p>
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function SetSecretForm({ project, initialName }: { project: string; initialName: string }) {
  const id = useId();
  const queries = useQueryClient();
  const valueInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(initialName);
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (initialName) valueInput.current?.focus();
  }, [initialName]);
  const save = useMutation({
    mutationFn: (input: { name: string; value: string }) =>
      unwrap(
        api.PUT("/api/v1/projects/{name}/secrets/{secret}", {
          params: { path: { name: project, secret: input.name } },
          body: { value: input.value },
        }),
      ),
    onSuccess: (_result, input) => {
      setSaved(input.name);
      setName("");
      setValue("");
      void queries.invalidateQueries({ queryKey: ["secrets", project] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const secret = normalizeSecretName(name);
    const found = secretNameProblem(secret) ?? (value === "" ? "Enter the value to store." : null);
    setProblem(found);
    setSaved(null);
    if (found) return;
    setName(secret);
    save.mutate({ name: secret, value });
  };
  const error = problem ?? (save.isError ? save.error.message : null);
  return (
    <form
      className="card settings-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>Set a secret</h3>
      <div className="form-row">
        <label>
          Name
          <input
            className="mono"
            value={name}
            placeholder="DATABASE_URL"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-name-hint`}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => name && setName(normalizeSecretName(name))}
          />
        </label>
        <label>
          Value
          <input
            ref={valueInput}
            type="password"
            value={value}
            autoComplete="new-password"
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
      </div>
      <p className="hint" id={`${id}-name-hint`}>
        Capital letters, digits and underscores. Setting an existing name replaces its value.
      </p>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="notice notice-good" role="status">
          Saved {saved}. Its value is write-only and will not be shown again.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save secret"}
        </button>
      </div>
    </form>
  );
}
