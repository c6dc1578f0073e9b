import { useCallback, useEffect, useRef, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { type LiveEvent, useLiveEvent } from "../app/live-events.js";
import {
  createLogRenderer,
  hasGap,
  type LogLine,
  lastLineNumber,
  mergeLines,
  type RenderedLine,
} from "../lib/log-lines.js";

export interface BuildLog {
  lines: RenderedLine[];
  loading: boolean;
  error: Error | null;
  retry: () => void;
}

/**
 * A build's log: fetched once, then grown from live `build.log` events. Lines are deduplicated
 * by number; a gap (missed events, a reconnect) is filled with `?after=<last>`. Each change of
 * `checkpoint` (the build was refetched: a stage moved, the stream reconnected) fills gaps too.
 * Mount it with `key={buildId}` so another build starts from scratch.
 */
export function useBuildLog(buildId: number, checkpoint: number): BuildLog {
  const renderer = useRef(createLogRenderer());
  const held = useRef<RenderedLine[]>([]);
  const loaded = useRef(false);
  const [lines, setLines] = useState<RenderedLine[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  // Merged outside a state updater: rendering advances AnsiUp's colour state, so it must run once.
  const apply = useCallback((incoming: readonly LogLine[]) => {
    const next = mergeLines(held.current, incoming, renderer.current);
    if (next === held.current) return;
    held.current = next;
    setLines(next);
  }, []);

  const fetchAfter = useCallback(
    async (after: number) => {
      const got = await unwrap(
        api.GET("/api/v1/builds/{id}/log", {
          params: { path: { id: buildId }, query: after > 0 ? { after } : {} },
        }),
      );
      apply(got);
    },
    [buildId, apply],
  );

  const load = useCallback(() => {
    setError(null);
    fetchAfter(lastLineNumber(held.current))
      .then(() => {
        loaded.current = true;
        setReady(true);
      })
      .catch((failure: Error) => setError(failure));
  }, [fetchAfter]);
  useEffect(load, [load]);

  useEffect(() => {
    if (checkpoint && loaded.current) void fetchAfter(lastLineNumber(held.current)).catch(() => {});
  }, [checkpoint, fetchAfter]);

  useLiveEvent(
    useCallback(
      (event: LiveEvent) => {
        if (event.type !== "build.log" || event.data.buildId !== buildId) return;
        // Before the first load lands, that load (or the gap fill after it) brings these lines.
        if (!loaded.current) return;
        const incoming = event.data.lines as LogLine[];
        const gapFrom = hasGap(held.current, incoming) ? lastLineNumber(held.current) : null;
        apply(incoming);
        if (gapFrom !== null) void fetchAfter(gapFrom).catch(() => {});
      },
      [buildId, apply, fetchAfter],
    ),
  );

  return {
    lines,
    loading: !ready && error === null,
    error,
    retry: load,
  };
}
