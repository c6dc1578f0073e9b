import { publishedEntries } from "../lib/notes-format.js";
import { useAnnouncements, useNotesList, usePublicChangelog } from "../lib/notes-queries.js";
import { formatTimestamp } from "../lib/time.js";
import { NotesMarkdown } from "./notes-markdown.js";
import { EmptyState, ErrorState, Loading } from "./states.js";

/** Enough for the page; the public page itself shows the newest 50. */
const NOTES = 100;

/** What customers see on the public changelog now: published releases and announcements. */
export function ChangelogPublished({ project }: { project: string }) {
  const publicPage = usePublicChangelog(project);
  const notes = useNotesList(project, null, NOTES);
  const announcements = useAnnouncements(project);
  const failed = notes.error ?? announcements.error;
  return (
    <section aria-labelledby="published-title" className="changelog-published">
      <h2 id="published-title">Published</h2>
      {publicPage.data?.published === false && (
        <p className="notice notice-warn" data-testid="no-changelog">
          {publicPage.data.message}
        </p>
      )}
      {notes.isPending || announcements.isPending ? (
        <Loading what="the published entries" />
      ) : failed ? (
        <ErrorState
          error={failed}
          retry={() => {
            void notes.refetch();
            void announcements.refetch();
          }}
        />
      ) : (
        <PublishedList
          entries={publishedEntries(project, notes.data ?? [], announcements.data ?? [])}
        />
      )}
    </section>
  );
}

function PublishedList({ entries }: { entries: ReturnType<typeof publishedEntries> }) {
  if (entries.length === 0) {
    return (
      <EmptyState title="Nothing published yet">
        A deploy to a publishing environment (production by default) publishes its customer notes; a
        published announcement shows here too.
      </EmptyState>
    );
  }
  return (
    <ol className="changelog-entries plain-list" data-testid="changelog-entries">
      {entries.map((entry) => (
        <li key={entry.key} className="card changelog-entry">
          <h3>
            <a href={entry.permalink}>{entry.title}</a>{" "}
            {entry.kind === "announcement" && <span className="chip chip-busy">announcement</span>}
          </h3>
          <p className="muted changelog-entry-date">{formatTimestamp(entry.publishedAt)}</p>
          <NotesMarkdown markdown={entry.markdown} topHeading={4} />
        </li>
      ))}
    </ol>
  );
}
