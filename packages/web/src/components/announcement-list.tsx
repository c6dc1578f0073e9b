import { Link } from "react-router";
import { type Announcement, announcementPath, announcementPermalink } from "../lib/notes-format.js";
import { useAnnouncements } from "../lib/notes-queries.js";
import { formatTimestamp } from "../lib/time.js";
import {
  AnnouncementDiscardButton,
  AnnouncementDraftButton,
  AnnouncementPublishButton,
} from "./announcement-actions.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

/** A project's announcements, drafts and published, newest first, with what each can do next. */
export function AnnouncementList({ project }: { project: string }) {
  const list = useAnnouncements(project);
  return (
    <section aria-labelledby="announcements-title" className="announcements">
      <div className="section-head">
        <h2 id="announcements-title">Announcements</h2>
        <AnnouncementDraftButton project={project} />
      </div>
      <p className="hint">
        Large news, apart from releases: a draft gathers what flags released and what release notes
        published since the last announcement. Nothing publishes one by itself.
      </p>
      {list.isPending ? (
        <Loading what="announcements" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No announcements yet">
          Press <strong>New draft</strong>, or run{" "}
          <code>weeknight announce draft -p {project}</code>.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="announcements">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">State</th>
                <th scope="col">Last edit</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <AnnouncementRow key={a.id} project={project} announcement={a} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AnnouncementRow({
  project,
  announcement: a,
}: {
  project: string;
  announcement: Announcement;
}) {
  return (
    <tr data-testid={`announcement-${a.id}`}>
      <th scope="row" className="announcement-title-cell">
        <Link to={announcementPath(project, a.id)}>{a.title}</Link>
      </th>
      <td>
        {a.publishedAt === null ? (
          <span className="chip chip-warn">draft</span>
        ) : (
          <>
            <span className="chip chip-good">published</span>{" "}
            <span className="muted" title={formatTimestamp(a.publishedAt)}>
              by {a.publishedBy}
            </span>{" "}
            <a href={announcementPermalink(project, a.id)}>public entry</a>
          </>
        )}
      </td>
      <td>
        {a.updatedBy} <RelativeTime at={a.updatedAt} />
      </td>
      <td className="announcement-actions">
        <Link className="button" to={announcementPath(project, a.id)}>
          {a.publishedAt === null ? "Edit" : "Open"}
          <span className="visually-hidden"> {a.title}</span>
        </Link>
        <AnnouncementPublishButton project={project} announcement={a} />
        <AnnouncementDiscardButton project={project} announcement={a} />
      </td>
    </tr>
  );
}
