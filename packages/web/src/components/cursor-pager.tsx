import { useState } from "react";

/**
 * Paging with `before`: the cursor of each page visited, so "Newer" goes back the way it came.
 * Returns the `before` for the current page and the Newer/Older controls.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<number[]>([]);
  return {
    before: cursors.at(-1),
    first: cursors.length === 0,
    newer: () => setCursors((previous) => previous.slice(0, -1)),
    older: (oldestId: number) => setCursors((previous) => [...previous, oldestId]),
    reset: () => setCursors([]),
  };
}

export function CursorPager(props: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  /** The ids shown, newest first; a full page means there may be older ones. */
  ids: number[];
  pageSize: number;
}) {
  const { pages, ids, pageSize } = props;
  const oldest = ids.at(-1);
  if (pages.first && ids.length < pageSize) return null;
  return (
    <nav className="toolbar pager" aria-label={props.label}>
      <button type="button" disabled={pages.first} onClick={pages.newer}>
        ← Newer
      </button>
      <button
        type="button"
        disabled={ids.length < pageSize || oldest === undefined}
        onClick={() => oldest !== undefined && pages.older(oldest)}
      >
        Older →
      </button>
    </nav>
  );
}
