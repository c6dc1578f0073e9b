import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import type { Announcement } from "../lib/notes-format.js";
import { useNotesChanged } from "../lib/notes-queries.js";
import { formatTimestamp } from "../lib/time.js";
import { AnnouncementDiscardButton, AnnouncementPublishButton } from "./announcement-actions.js";
import { NotesMarkdown } from "./notes-markdown.js";

const MAX_TITLE = 200;

/**
 * An announcement's title and markdown beside a preview of what customers will read. Edits stay
 * local until saved, so a live update of the same announcement does not wipe them.
 */
export function AnnouncementEditor(props: { project: string; announcement: Announcement }) {
  const { project, announcement } = props;
  const user = useUser();
  const changed = useNotesChanged(project);
  const [title, setTitle] = useState(announcement.title);
  const [body, setBody] = useState(announcement.body);
  const titleHint = useId();
  const dirty = title !== announcement.title || body !== announcement.body;
  const titleError =
    title.trim() === "" || title.length > MAX_TITLE
      ? `The title is 1 to ${MAX_TITLE} characters.`
      : null;
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/v1/announcements/{id}", {
          params: { path: { id: announcement.id } },
          body: { title, body },
        }),
      ),
    onSuccess: changed,
  });
  const editable = user.can("deployer");

  return (
    <div className="announcement-editor">
      {editable && (
        <form
          className="announcement-form"
          aria-label="Edit the announcement"
          onSubmit={(event) => {
            event.preventDefault();
            if (!titleError) save.mutate();
          }}
        >
          <label>
            Title
            <input
              name="title"
              value={title}
              maxLength={MAX_TITLE}
              onChange={(event) => setTitle(event.target.value)}
              aria-invalid={titleError !== null}
              aria-describedby={titleHint}
              required
            />
          </label>
          <p className="hint announcement-hint" id={titleHint}>
            {titleError ?? "Customers see it as the entry's heading."}
          </p>
          <label>
            Text (markdown)
            <textarea
              name="body"
              rows={16}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          </label>
          <p className="hint announcement-hint">
            Headings, lists, <code>**bold**</code>, <code>_italic_</code>, <code>`code`</code> and
            links to <code>https:</code> or <code>mailto:</code> addresses; HTML shows as text.
          </p>
          {announcement.publishedAt !== null && (
            <p className="notice notice-warn">
              Published: saving changes the public changelog and its feeds at once.
            </p>
          )}
          <div className="toolbar">
            <button
              type="submit"
              className="primary"
              disabled={!dirty || save.isPending || titleError !== null}
            >
              {save.isPending ? "Saving…" : "Save"}
            </button>
            <AnnouncementPublishButton
              project={project}
              announcement={announcement}
              before={() => (dirty ? save.mutateAsync() : Promise.resolve())}
            />
            <AnnouncementDiscardButton project={project} announcement={announcement} leave />
            <output className="announcement-status" aria-live="polite">
              {save.isError ? (
                <span className="bad-text">{save.error.message}</span>
              ) : dirty ? (
                <span className="muted">Unsaved changes</span>
              ) : save.isSuccess ? (
                <span className="good-text">Saved</span>
              ) : null}
            </output>
          </div>
        </form>
      )}
      <section
        className="card announcement-preview"
        aria-labelledby="preview-title"
        data-testid="announcement-preview"
      >
        <p className="note-label" id="preview-title">
          Preview: what customers read
        </p>
        <h2 className="announcement-preview-title">{title || "(no title)"}</h2>
        <NotesMarkdown
          markdown={body}
          topHeading={3}
          empty={<p className="hint">No text yet.</p>}
        />
      </section>
      <Gathered announcement={announcement} />
    </div>
  );
}

/** What the draft gathered when it was created, so the writer knows what to cover. */
function Gathered({ announcement }: { announcement: Announcement }) {
  const { flags, notes } = announcement.gathered;
  return (
    <section className="announcement-gathered" aria-labelledby="gathered-title">
      <h2 id="gathered-title">
        {announcement.since === 0
          ? "Gathered: everything so far (the first announcement)"
          : `Gathered since ${formatTimestamp(announcement.since)}`}
      </h2>
      {flags.length === 0 ? (
        <p className="hint">No flag was released to everyone in that time.</p>
      ) : (
        <ul>
          {flags.map((flag) => (
            <li key={`${flag.key}-${flag.environment}`}>
              <span className="mono">{flag.key}</span> {flag.description && `— ${flag.description}`}{" "}
              <span className="muted">
                released in {flag.environment} on {formatTimestamp(flag.releasedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        {notes.length === 0
          ? "No release notes were published in that time."
          : `The customer lines of ${notes.length} published release note${notes.length === 1 ? "" : "s"} are under “Also new”.`}
      </p>
    </section>
  );
}
