import { useEffect } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router";
import { useUser } from "../app/session.js";
import { SettingsNotifications } from "../components/settings-notifications.js";
import { SettingsSecrets } from "../components/settings-secrets.js";
import { SettingsTokens } from "../components/settings-tokens.js";
import { SettingsUsers } from "../components/settings-users.js";
import { EmptyState } from "../components/states.js";

const tabs = [
  { path: "users", label: "Users" },
  { path: "tokens", label: "API tokens" },
  { path: "notifications", label: "Notifications" },
  { path: "secrets", label: "Secrets" },
];

/** Admin settings, one tab per nested route so each tab has its own address. */
export function SettingsPage() {
  const user = useUser();
  useEffect(() => {
    document.title = "Settings · Weeknight";
  }, []);
  if (!user.can("admin")) {
    return (
      <div className="narrow">
        <h1>Settings</h1>
        <div className="notice notice-warn" role="alert">
          <p>
            <strong>Only admins can change settings.</strong> You are signed in as {user.username}{" "}
            with the {user.role} role; ask an admin if you need users, tokens, notifications or
            secrets changed.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.path} to={`/settings/${tab.path}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="/settings/users" replace />} />
        <Route path="users" element={<SettingsUsers />} />
        <Route path="tokens" element={<SettingsTokens />} />
        <Route path="notifications" element={<SettingsNotifications />} />
        <Route path="secrets" element={<SettingsSecrets />} />
        <Route
          path="*"
          element={
            <EmptyState title="No such settings page">Pick one of the tabs above.</EmptyState>
          }
        />
      </Routes>
    </div>
  );
}
