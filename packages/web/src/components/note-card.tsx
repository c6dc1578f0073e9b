import type { ReactNode } from "react";
import { Link } from "react-router";
import { entriesSummary, noteState, type ReleaseNotes } from "../lib/notes-format.js";
import { NoteEntries } from "./note-entries.js";
import { NotesMarkdown } from "./notes-markdown.js";

/**
 * One deploy's notes: what customers read, rendered; the team's notes and the commits behind
 * a disclosure (or open, for what goes out next).
 */
export function NoteCard(props: {
  notes: ReleaseNotes;
  heading: ReactNode;
  actions?: ReactNode;
  /** Shows the commits openly instead of inside the team's notes. */
  entriesOpen?: boolean;
  testId?: string;
}) {
  const { notes } = props;
  const state = noteState(notes);
  return (
    <article className="card note-card" data-testid={props.testId} aria-label={`Notes ${notes.id}`}>
      <header className="note-card-head">
        <h3>{props.heading}</h3>
        <span className={`chip chip-${state.tone}`} title={state.hint} data-testid="note-state">
          {state.label}
        </span>
        <span className="muted note-meta">
          <Link to={`/builds/${notes.buildId}`}>build #{notes.buildId}</Link> ·{" "}
          {entriesSummary(notes.entries)}
          {notes.editedBy && <> · edited by {notes.editedBy}</>}
        </span>
        {props.actions && <span className="note-actions">{props.actions}</span>}
      </header>
      <section className="note-customer" aria-label="For customers">
        <h4 className="note-label">For customers</h4>
        <NotesMarkdown
          markdown={notes.customer}
          topHeading={5}
          className="note-customer-text"
          empty={<p className="hint">Nothing for customers: no public changelog entry.</p>}
        />
      </section>
      {props.entriesOpen && (
        <section aria-label="Commits">
          <h4 className="note-label">Commits</h4>
          <NoteEntries entries={notes.entries} />
        </section>
      )}
      <details className="note-team">
        <summary>For the team{props.entriesOpen ? "" : " (and the commits)"}</summary>
        <NotesMarkdown markdown={notes.internal} topHeading={5} />
        {!props.entriesOpen && <NoteEntries entries={notes.entries} />}
      </details>
    </article>
  );
}
