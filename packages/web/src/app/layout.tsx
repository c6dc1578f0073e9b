import { NavLink, Outlet } from "react-router";
import { BlocksBanner } from "../components/blocks-banner.js";
import { useFiringAlerts } from "../lib/use-firing-alerts.js";
import { useOpenIncidents } from "../lib/use-incident.js";
import { type LiveState, useLiveUpdates } from "./live-events.js";
import { useUser } from "./session.js";
import { setTheme, storedTheme, type Theme } from "./theme.js";

const liveLabels: Record<LiveState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** The frame of every signed-in page: navigation, live status, theme, who is signed in. */
export function Layout() {
  const user = useUser();
  const live = useLiveUpdates(true);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <NavLink to="/" className="brand" aria-label="Weeknight overview">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Weeknight
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Overview
          </NavLink>
          <AlertsLink />
          <IncidentsLink />
          <NavLink to="/calendar">Calendar</NavLink>
          <NavLink to="/audit">Audit</NavLink>
          {user.can("admin") && <NavLink to="/settings">Settings</NavLink>}
        </nav>
        <div className="top-bar-end">
          <output className={`live-state live-${live}`} aria-live="polite">
            {liveLabels[live]}
          </output>
          <label className="theme-picker">
            <span className="visually-hidden">Theme</span>
            <select
              defaultValue={storedTheme()}
              onChange={(event) => setTheme(event.target.value as Theme)}
            >
              <option value="system">System theme</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <span className="who">
            {user.username} <span className="role">{user.role}</span>
          </span>
          <button type="button" className="quiet" onClick={() => void user.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <BlocksBanner />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/** "Alerts", with the number firing when there are any (the word says it, not just the colour). */
function AlertsLink() {
  const firing = useFiringAlerts().data?.length ?? 0;
  return (
    <NavLink to="/alerts">
      Alerts
      {firing > 0 && (
        <span className="nav-badge" data-testid="firing-count">
          {firing}
          <span className="visually-hidden"> firing</span>
        </span>
      )}
    </NavLink>
  );
}

/** "Incidents", with the number open (up to 50); incident events keep it current. */
function IncidentsLink() {
  const open = useOpenIncidents().data?.length ?? 0;
  return (
    <NavLink to="/incidents">
      Incidents
      {open > 0 && (
        <span className="nav-badge" data-testid="open-incidents-count">
          {open}
          <span className="visually-hidden"> open</span>
        </span>
      )}
    </NavLink>
  );
}
