import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { type Role, useUser } from "../app/session.js";
import { passwordProblem, usernameProblem } from "../lib/settings-validation.js";
import { SettingsReveal } from "./settings-reveal.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

const roles: { value: Role; label: string }[] = [
  { value: "viewer", label: "Viewer: sees everything" },
  { value: "deployer", label: "Deployer: also deploys and rolls back" },
  { value: "admin", label: "Admin: also manages users, secrets and settings" },
];
const usersKey = ["users"];

/** Who may sign in, and what each may do. */
export function SettingsUsers() {
  const users = useQuery({ queryKey: usersKey, queryFn: () => unwrap(api.GET("/api/v1/users")) });
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <ErrorState error={users.error} retry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState title="No users">Add the first one below.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <td>{user.username}</td>
                  <td>
                    <RoleSelect username={user.username} role={user.role} />
                  </td>
                  <td>
                    <RelativeTime at={user.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUserForm />
    </section>
  );
}

function RoleSelect({ username, role }: { username: string; role: Role }) {
  const me = useUser();
  const queries = useQueryClient();
  const change = useMutation({
    mutationFn: (next: Role) =>
      unwrap(
        api.PUT("/api/v1/users/{username}/role", {
          params: { path: { username } },
          body: { role: next },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: usersKey }),
  });
  // Demoting yourself would lock you out of this page halfway through the change.
  const isMe = username === me.username;
  return (
    <div className="role-cell">
      <label className="visually-hidden" htmlFor={`role-${username}`}>
        Role of {username}
      </label>
      <select
        id={`role-${username}`}
        value={change.isPending && change.variables ? change.variables : role}
        disabled={isMe || change.isPending}
        title={isMe ? "Ask another admin to change your own role" : undefined}
        onChange={(event) => change.mutate(event.target.value as Role)}
      >
        {roles.map((option) => (
          <option key={option.value} value={option.value}>
            {option.value}
          </option>
        ))}
      </select>
      <span aria-live="polite" className="small">
        {isMe && <span className="muted">you</span>}
        {change.isSuccess && <span className="good-text">Saved</span>}
        {change.isError && <span className="bad-text">{change.error.message}</span>}
      </span>
    </div>
  );
}

function AddUserForm() {
  const id = useId();
  const queries = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<{
    username: string;
    role: Role;
    password: string | null;
  } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/users", {
          body: { username: username.trim(), role, ...(password ? { password } : {}) },
        }),
      ),
    onSuccess: (result) => {
      setAdded({
        username: result.user.username,
        role: result.user.role,
        password: password ? null : result.password,
      });
      setUsername("");
      setPassword("");
      setRole("viewer");
      void queries.invalidateQueries({ queryKey: usersKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = usernameProblem(username.trim()) ?? passwordProblem(password);
    setProblem(found);
    setAdded(null);
    if (!found) create.mutate();
  };
  const error = problem ?? (create.isError ? create.error.message : null);

  return (
    <form
      className="card settings-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>Add a user</h3>
      <div className="form-row">
        <label>
          Username
          <input
            value={username}
            autoComplete="off"
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint" id={`${id}-password-hint`}>
        Leave the password empty to have one generated; it is shown once, for you to pass on.
      </p>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      {added &&
        (added.password ? (
          <SettingsReveal
            title={`Password for ${added.username}.`}
            value={added.password}
            onDismiss={() => setAdded(null)}
          />
        ) : (
          <p className="notice notice-good" role="status">
            Added {added.username} as {added.role}.
          </p>
        ))}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </button>
      </div>
    </form>
  );
}
