import { useParams } from "react-router";
import { AnnouncementList } from "../components/announcement-list.js";
import { ChangelogPublished } from "../components/changelog-published.js";
import { isNotFound, ProjectHeader, useProject } from "../components/project-header.js";
import { changelogUrls } from "../lib/notes-format.js";
import { useTitle } from "../lib/use-title.js";

/** A project's Changelog tab: the public page and its feeds, announcements, what is published. */
export function ChangelogPage() {
  const project = useParams().project ?? "";
  useTitle(`Changelog · ${project}`);
  const details = useProject(project);
  if (isNotFound(details.error)) return <ProjectHeader project={project} />;
  const urls = changelogUrls(project);
  return (
    <>
      <ProjectHeader project={project} />
      <div className="changelog-page">
        <nav className="changelog-links card" aria-label="Public changelog">
          <p>
            <strong>Public changelog</strong>, no sign-in:{" "}
            <a href={urls.page} data-testid="changelog-public-link">
              {urls.page}
            </a>
          </p>
          <p className="muted">
            Feeds: <a href={urls.atom}>Atom</a> · <a href={urls.json}>JSON Feed</a>. Release notes
            are edited on each environment's page.
          </p>
        </nav>
        <AnnouncementList project={project} />
        <ChangelogPublished project={project} />
      </div>
    </>
  );
}
