import { entryBadge, type NoteEntry } from "../lib/notes-format.js";

/** The commits a deploy carries, each with its type, and what customers read of it. */
export function NoteEntries({ entries }: { entries: readonly NoteEntry[] }) {
  if (entries.length === 0)
    return <p className="hint">No commits: the same code as what is live.</p>;
  return (
    <ul className="note-entries" data-testid="note-entries">
      {entries.map((entry) => {
        const badge = entryBadge(entry);
        return (
          <li key={entry.sha} className="note-entry">
            <span className={`chip chip-${badge.tone} note-type`}>{badge.label}</span>
            {entry.breaking && <span className="chip chip-bad note-type">breaking</span>}
            <span className="note-subject">
              {entry.scope && <strong>{entry.scope}: </strong>}
              {entry.subject}
            </span>
            <span className="sha muted" title={entry.sha}>
              {entry.sha.slice(0, 7)}
            </span>
            <span className="muted">{entry.author}</span>
            <span className="note-for-customers muted">
              {entry.customer === null ? (
                "team only"
              ) : (
                <>
                  customers read: <q>{entry.customer}</q>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
