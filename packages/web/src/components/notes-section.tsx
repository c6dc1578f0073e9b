import { Link } from "react-router";
import {
  changelogTabPath,
  changelogUrls,
  deployedNotes,
  type ReleaseNotes,
  releasePermalink,
} from "../lib/notes-format.js";
import { useNextNotes, useNotesList } from "../lib/notes-queries.js";
import { NoteCard } from "./note-card.js";
import { NoteEditButton } from "./note-edit-dialog.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

const RECENT = 5;

/** An environment's release notes: what goes out next (editable), then the last deploys'. */
export function ReleaseNotesSection(props: { project: string; environment: string }) {
  const { project, environment } = props;
  const next = useNextNotes(project, environment);
  // One more than shown: the draft of what goes out next may be among them.
  const recent = useNotesList(project, environment, RECENT + 1);
  const nextId = next.data?.id ?? null;
  return (
    <section className="notes-section" aria-labelledby="notes-title" data-testid="release-notes">
      <div className="section-head">
        <h2 id="notes-title">Release notes</h2>
        <p className="hint">
          From the commits' messages (<code>feat:</code>, <code>fix:</code>, a{" "}
          <code>Changelog:</code> trailer). <Link to={changelogTabPath(project)}>Changelog</Link> ·{" "}
          <a href={changelogUrls(project).page}>public page</a>
        </p>
      </div>
      {next.isPending ? (
        <Loading what="the notes of what goes out next" />
      ) : next.isError ? (
        <ErrorState error={next.error} retry={() => void next.refetch()} />
      ) : next.data === null ? (
        <EmptyState title={`Nothing waits to go out to ${environment}`}>
          Notes are drafted as soon as a build waits to go out, so you can edit them before it does.
        </EmptyState>
      ) : (
        <NoteCard
          notes={next.data}
          heading="Goes out next"
          entriesOpen
          testId="notes-next"
          actions={<NoteEditButton project={project} notes={next.data} />}
        />
      )}
      <h3 className="notes-recent-title">Last deploys</h3>
      {recent.isPending ? (
        <Loading what="the last deploys' notes" />
      ) : recent.isError ? (
        <ErrorState error={recent.error} retry={() => void recent.refetch()} />
      ) : (
        <RecentNotes
          project={project}
          notes={deployedNotes(recent.data, nextId).slice(0, RECENT)}
        />
      )}
    </section>
  );
}

function RecentNotes({ project, notes }: { project: string; notes: ReleaseNotes[] }) {
  if (notes.length === 0) {
    return <p className="hint">No deploy has notes yet: they start with the next deploy.</p>;
  }
  return (
    <ol className="notes-recent plain-list">
      {notes.map((n) => (
        <li key={n.id}>
          <NoteCard
            notes={n}
            testId={`notes-${n.id}`}
            heading={
              <>
                {n.deploymentId !== null ? (
                  <Link to={`?deployment=${n.deploymentId}`} preventScrollReset>
                    Deployment #{n.deploymentId}
                  </Link>
                ) : (
                  `Notes #${n.id}`
                )}{" "}
                {n.deployedAt !== null && (
                  <span className="muted note-when">
                    <RelativeTime at={n.deployedAt} />
                  </span>
                )}
              </>
            }
            actions={
              <>
                {n.publishedAt !== null && n.withdrawnAt === null && (
                  <a href={releasePermalink(project, n.id)}>On the changelog</a>
                )}
                <NoteEditButton project={project} notes={n} />
              </>
            }
          />
        </li>
      ))}
    </ol>
  );
}
