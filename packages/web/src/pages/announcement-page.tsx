import { Link, useParams } from "react-router";
import { AnnouncementEditor } from "../components/announcement-editor.js";
import { ErrorState, Loading } from "../components/states.js";
import { RelativeTime } from "../components/time.js";
import { projectPath } from "../lib/builds-overview.js";
import { announcementPermalink, changelogTabPath } from "../lib/notes-format.js";
import { useAnnouncement } from "../lib/notes-queries.js";
import { useTitle } from "../lib/use-title.js";

/** One announcement: edit its title and text beside a preview, publish or discard it. */
export function AnnouncementPage() {
  const params = useParams();
  const project = params.project ?? "";
  const id = Number(params.id);
  const announcement = useAnnouncement(id);
  useTitle(`${announcement.data?.title ?? `Announcement ${id}`} · ${project}`);

  return (
    <div className="announcement-page">
      <p className="crumbs">
        <Link to="/">Overview</Link> <span aria-hidden="true">/</span>{" "}
        <Link to={projectPath(project)}>{project}</Link> <span aria-hidden="true">/</span>{" "}
        <Link to={changelogTabPath(project)}>Changelog</Link> <span aria-hidden="true">/</span>
      </p>
      {announcement.isPending ? (
        <>
          <h1>Announcement {id}</h1>
          <Loading what="the announcement" />
        </>
      ) : announcement.isError ? (
        <>
          <h1>Announcement {id}</h1>
          <ErrorState error={announcement.error} retry={() => void announcement.refetch()} />
        </>
      ) : (
        <>
          <header className="announcement-head">
            <h1>
              {announcement.data.publishedAt === null ? "Draft announcement" : "Announcement"}{" "}
              <span
                className={`chip chip-${announcement.data.publishedAt === null ? "warn" : "good"}`}
              >
                {announcement.data.publishedAt === null ? "draft" : "published"}
              </span>
            </h1>
            <p className="muted">
              Drafted by {announcement.data.createdBy}
              {announcement.data.publishedAt !== null && (
                <>
                  {" "}
                  · published by {announcement.data.publishedBy}{" "}
                  <RelativeTime at={announcement.data.publishedAt} /> ·{" "}
                  <a href={announcementPermalink(project, id)}>its public entry</a>
                </>
              )}
            </p>
          </header>
          <AnnouncementEditor
            key={announcement.data.id}
            project={project}
            announcement={announcement.data}
          />
        </>
      )}
    </div>
  );
}
