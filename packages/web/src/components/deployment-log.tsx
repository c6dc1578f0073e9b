import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { type LiveEvent, useLiveEvent } from "../app/live-events.js";

/** Lines kept in memory: a chatty release should not slow the page that stays open all day. */
const MAX_LINES = 2000;

/**
 * The deployment's output as it streams in (`deployment.log` events): only lines seen since the
 * page opened. Mount it keyed by the deployment so another deployment starts with an empty log.
 */
export function DeploymentLog({
  deploymentId,
  running,
}: {
  deploymentId: number;
  running: boolean;
}) {
  const [lines, setLines] = useState<string[]>([]);
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useLiveEvent(
    useCallback(
      (event: LiveEvent) => {
        if (event.type !== "deployment.log" || event.data.deploymentId !== deploymentId) return;
        const line = event.data.line;
        if (typeof line !== "string") return;
        setLines((previous) => [...previous.slice(-(MAX_LINES - 1)), line]);
      },
      [deploymentId],
    ),
  );

  // Follow the tail unless the reader scrolled up to read something.
  useLayoutEffect(() => {
    const element = box.current;
    if (element && pinned.current && lines.length > 0) element.scrollTop = element.scrollHeight;
  }, [lines]);

  if (!running && lines.length === 0) return null;
  return (
    <section className="deployment-log" aria-labelledby={`deployment-log-${deploymentId}`}>
      <h3 id={`deployment-log-${deploymentId}`}>Output</h3>
      {lines.length === 0 ? (
        <p className="hint">Waiting for output from the target…</p>
      ) : (
        <pre
          ref={box}
          className="log"
          onScroll={(event) => {
            const element = event.currentTarget;
            pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
          }}
        >
          {lines.join("\n")}
        </pre>
      )}
    </section>
  );
}
