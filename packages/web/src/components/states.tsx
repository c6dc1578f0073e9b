import type { ReactNode } from "react";
import { ApiError } from "../api/client.js";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}

/** An error with what to do about it; a 404 says what was not found, not "something went wrong". */
export function ErrorState({ error, retry }: { error: Error; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="notice notice-bad" role="alert">
      <p>
        <strong>{notFound ? "Not found." : "Could not load this."}</strong> {error.message}
      </p>
      {retry && !notFound && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and what would make something appear. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-hint">{children}</div>}
    </div>
  );
}
