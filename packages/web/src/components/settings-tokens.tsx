import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { tokenNameProblem } from "../lib/settings-validation.js";
import { ConfirmButton } from "./confirm-button.js";
import { SettingsReveal } from "./settings-reveal.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

const tokensKey = ["tokens"];

/** The signed-in user's API tokens, for the CLI and CI: create (shown once) and revoke. */
export function SettingsTokens() {
  const queries = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: () => unwrap(api.GET("/api/v1/tokens")),
  });
  const revoke = async (id: number) => {
    await unwrap(api.DELETE("/api/v1/tokens/{id}", { params: { path: { id } } }));
    await queries.invalidateQueries({ queryKey: tokensKey });
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="hint">
        Tokens act as you, with your role, for the <code>weeknight</code> CLI and CI jobs (
        <code>Authorization: Bearer …</code>). Revoke one as soon as it may have leaked.
      </p>
      <CreateTokenForm />
      {tokens.isPending ? (
        <Loading what="tokens" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} retry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="You have no API tokens">
          Create one above to use the CLI or call the API from CI.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td className="mono">{token.prefix}…</td>
                  <td className="hide-narrow">
                    <RelativeTime at={token.createdAt} />
                  </td>
                  <td>
                    {token.lastUsedAt === null ? (
                      <span className="muted">never</span>
                    ) : (
                      <RelativeTime at={token.lastUsedAt} />
                    )}
                  </td>
                  <td className="actions">
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke the token “${token.name}”?`}
                      danger
                      onConfirm={() => revoke(token.id)}
                    >
                      <p>
                        Anything using the token starting with <code>{token.prefix}</code> stops
                        working at once. This cannot be undone.
                      </p>
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateTokenForm() {
  const queries = useQueryClient();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation({
    mutationFn: (tokenName: string) =>
      unwrap(api.POST("/api/v1/tokens", { body: { name: tokenName } })),
    onSuccess: (result) => {
      setCreated({ name: result.apiToken.name, token: result.token });
      setName("");
      void queries.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = tokenNameProblem(name.trim());
    setProblem(found);
    if (!found) create.mutate(name.trim());
  };
  const error = problem ?? (create.isError ? create.error.message : null);
  return (
    <form className="card settings-form" onSubmit={submit} noValidate aria-label="Create a token">
      <div className="form-row form-row-inline">
        <label>
          Token name
          <input
            value={name}
            placeholder="ci"
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      {created && (
        <SettingsReveal
          title={`Token “${created.name}”.`}
          value={created.token}
          onDismiss={() => setCreated(null)}
        />
      )}
    </form>
  );
}
