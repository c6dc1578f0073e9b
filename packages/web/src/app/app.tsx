import { Route, Routes } from "react-router";
import { AlertsPage } from "../pages/alerts-page.js";
import { AnnouncementPage } from "../pages/announcement-page.js";
import { AuditPage } from "../pages/audit-page.js";
import { BuildPage } from "../pages/build-page.js";
import { CalendarPage } from "../pages/calendar-page.js";
import { ChangelogPage } from "../pages/changelog-page.js";
import { EnvironmentPage } from "../pages/environment-page.js";
import { FlagPage } from "../pages/flag-page.js";
import { FlagsPage } from "../pages/flags-page.js";
import { IncidentPage } from "../pages/incident-page.js";
import { IncidentsPage } from "../pages/incidents-page.js";
import { NotFoundPage } from "../pages/not-found-page.js";
import { OverviewPage } from "../pages/overview-page.js";
import { ProjectPage } from "../pages/project-page.js";
import { SettingsPage } from "../pages/settings-page.js";
import { SignInPage } from "../pages/sign-in-page.js";
import { StatsPage } from "../pages/stats-page.js";
import { Layout } from "./layout.js";
import { SessionProvider, useSession } from "./session.js";

export function App() {
  return (
    <SessionProvider>
      <SignedInOrNot />
    </SessionProvider>
  );
}

function SignedInOrNot() {
  const session = useSession();
  if (session === undefined) return <p className="page loading">Loading…</p>;
  if (session === null) return <SignInPage />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
        <Route path="projects/:project" element={<ProjectPage />} />
        <Route path="projects/:project/environments/:environment" element={<EnvironmentPage />} />
        <Route path="projects/:project/flags" element={<FlagsPage />} />
        <Route path="projects/:project/flags/:key" element={<FlagPage />} />
        <Route path="projects/:project/changelog" element={<ChangelogPage />} />
        <Route path="projects/:project/announcements/:id" element={<AnnouncementPage />} />
        <Route path="projects/:project/stats" element={<StatsPage />} />
        <Route path="builds/:id" element={<BuildPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="incidents/:id" element={<IncidentPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="settings/*" element={<SettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
