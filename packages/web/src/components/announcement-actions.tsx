import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { type Announcement, announcementPath, changelogTabPath } from "../lib/notes-format.js";
import { useNotesChanged } from "../lib/notes-queries.js";
import { ConfirmButton } from "./confirm-button.js";

/** "New draft": gathers what flags and releases brought since the last announcement. */
export function AnnouncementDraftButton({ project }: { project: string }) {
  const user = useUser();
  const navigate = useNavigate();
  const changed = useNotesChanged(project);
  const draft = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/projects/{name}/announcements", { params: { path: { name: project } } }),
      ),
    onSuccess: async (created) => {
      await changed();
      navigate(announcementPath(project, created.id));
    },
  });
  if (!user.can("deployer")) return null;
  return (
    <span className="announcement-draft">
      <button
        type="button"
        className="primary"
        disabled={draft.isPending}
        onClick={() => draft.mutate()}
      >
        {draft.isPending ? "Drafting…" : "New draft"}
      </button>
      {draft.isError && (
        <span className="bad-text" role="alert">
          {draft.error.message}
        </span>
      )}
    </span>
  );
}

/** Publish, after asking: to the public changelog, its feeds and the notify channels. */
export function AnnouncementPublishButton(props: {
  project: string;
  announcement: Announcement;
  /** Runs first (e.g. saving unsaved edits); publishing stops if it fails. */
  before?: () => Promise<unknown>;
}) {
  const { project, announcement } = props;
  const user = useUser();
  const changed = useNotesChanged(project);
  if (!user.can("deployer") || announcement.publishedAt !== null) return null;
  return (
    <ConfirmButton
      label="Publish"
      title={`Publish “${announcement.title}”?`}
      confirmLabel="Publish it"
      onConfirm={async () => {
        await props.before?.();
        await unwrap(
          api.POST("/api/v1/announcements/{id}/publish", {
            params: { path: { id: announcement.id } },
          }),
        );
        await changed();
      }}
    >
      <p>
        It appears on the public changelog of {project} and in its feeds at once, and goes to every
        channel that listens to <code>announcement.published</code> (e.g. customers' email). A
        published announcement stays: it can be edited, not taken back.
      </p>
    </ConfirmButton>
  );
}

/** Discard a draft, after asking; back to the Changelog tab when asked to. */
export function AnnouncementDiscardButton(props: {
  project: string;
  announcement: Announcement;
  leave?: boolean;
}) {
  const { project, announcement } = props;
  const user = useUser();
  const navigate = useNavigate();
  const changed = useNotesChanged(project);
  if (!user.can("deployer") || announcement.publishedAt !== null) return null;
  return (
    <ConfirmButton
      label="Discard"
      title={`Discard the draft “${announcement.title}”?`}
      confirmLabel="Discard the draft"
      danger
      onConfirm={async () => {
        await unwrap(
          api.DELETE("/api/v1/announcements/{id}", { params: { path: { id: announcement.id } } }),
        );
        if (props.leave) navigate(changelogTabPath(project));
        await changed();
      }}
    >
      <p>Its text is lost. A new draft gathers the same news again.</p>
    </ConfirmButton>
  );
}
