import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  countByStage,
  linesOfStage,
  logAsText,
  type RenderedLine,
  tailOf,
} from "../lib/log-lines.js";
import { findMatches, highlightHtml, marksByLine, stepMatch } from "../lib/log-search.js";
import type { BuildLog } from "./build-log.js";
import { ErrorState, Loading } from "./states.js";

/** Beyond this many lines only the tail is drawn until the reader asks for all of it. */
const TAIL_LINES = 5000;
/** How close to the bottom (px) still counts as "at the bottom" for follow mode. */
const BOTTOM_SLACK = 24;

export interface LogViewProps {
  log: BuildLog;
  stages: string[];
  stage: string | null;
  onStage: (stage: string | null) => void;
  /** The build is queued or running: lines are still coming and follow mode is offered. */
  running: boolean;
  /** Opened on a failed build: start at the end, where the failure is. */
  startAtEnd: boolean;
  downloadName: string;
}

/** A build log with stage filter, search, follow mode and download; ANSI colours rendered. */
export function LogView(props: LogViewProps) {
  const { log, stage, running } = props;
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState(0);
  const deferredQuery = useDeferredValue(query);
  const searchId = useId();

  const filtered = useMemo(() => linesOfStage(log.lines, stage), [log.lines, stage]);
  const matches = useMemo(() => findMatches(filtered, deferredQuery), [filtered, deferredQuery]);
  const currentMatch = matches.length ? Math.min(current, matches.length - 1) : -1;
  const marks = useMemo(() => marksByLine(matches, currentMatch), [matches, currentMatch]);
  // A match above the tail would be invisible: show everything once the reader jumps to one.
  const mustShowAll =
    (matches[currentMatch]?.line ?? Number.POSITIVE_INFINITY) < filtered.length - TAIL_LINES;
  const { shown, hidden } = tailOf(filtered, TAIL_LINES, showAll || mustShowAll);
  const counts = useMemo(() => countByStage(log.lines), [log.lines]);

  // Follow: keep the newest line in view while the build runs.
  const following = running && follow;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever lines are added.
  useLayoutEffect(() => {
    const element = box.current;
    if (element && following) element.scrollTop = element.scrollHeight;
  }, [following, shown.length]);

  // A failed build opens at its end, where the error is; only once, when the log first arrives.
  const openedAtEnd = useRef(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || openedAtEnd.current || log.loading || !props.startAtEnd) return;
    openedAtEnd.current = true;
    element.scrollTop = element.scrollHeight;
  }, [log.loading, props.startAtEnd]);

  // Bring the current match into view after each jump.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the current match moves.
  useEffect(() => {
    box.current?.querySelector("mark.current")?.scrollIntoView({ block: "center" });
  }, [currentMatch, deferredQuery, stage]);

  const onScroll = () => {
    const element = box.current;
    if (!element || !running) return;
    const atBottom =
      element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
    // Scrolling up pauses following; scrolling back down to the end resumes it.
    if (atBottom !== follow) setFollow(atBottom);
  };

  const jump = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    setFollow(false);
    setCurrent(stepMatch(currentMatch, matches.length, direction));
  };
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      jump(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      setQuery("");
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([logAsText(log.lines)], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = props.downloadName;
    link.click();
    // Revoked on the next turn: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section className="log-panel" aria-labelledby="log-heading">
      <div className="log-toolbar">
        <h2 id="log-heading">Log</h2>
        <label className="inline-field">
          <span className="visually-hidden">Stage</span>
          <select
            value={stage ?? ""}
            onChange={(event) => props.onStage(event.target.value || null)}
          >
            <option value="">All stages ({log.lines.length.toLocaleString()} lines)</option>
            {props.stages.map((name) => (
              <option key={name} value={name}>
                {name} ({(counts.get(name) ?? 0).toLocaleString()} lines)
              </option>
            ))}
          </select>
        </label>
        <search className="log-search">
          <label className="visually-hidden" htmlFor={searchId}>
            Search log
          </label>
          <input
            id={searchId}
            type="search"
            placeholder="Search log"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setCurrent(0);
            }}
            onKeyDown={onSearchKey}
          />
          <output className="log-search-count" aria-live="polite">
            {deferredQuery &&
              (matches.length
                ? `${currentMatch + 1} of ${matches.length.toLocaleString()}`
                : "No matches")}
          </output>
          <button
            type="button"
            className="quiet icon"
            onClick={() => jump(-1)}
            disabled={matches.length === 0}
            aria-label="Previous match"
            title="Previous match (Shift+Enter)"
          >
            ↑
          </button>
          <button
            type="button"
            className="quiet icon"
            onClick={() => jump(1)}
            disabled={matches.length === 0}
            aria-label="Next match"
            title="Next match (Enter)"
          >
            ↓
          </button>
        </search>
        <div className="log-actions">
          {running && (
            <button
              type="button"
              aria-pressed={following}
              className={following ? "toggle on" : "toggle"}
              onClick={() => setFollow(!follow)}
              title="Keep the newest line in view"
            >
              Follow
            </button>
          )}
          <button type="button" onClick={download} disabled={log.lines.length === 0}>
            Download log
          </button>
        </div>
      </div>
      {hidden > 0 && (
        <p className="log-truncated">
          Showing the last {shown.length.toLocaleString()} of {filtered.length.toLocaleString()}{" "}
          lines.{" "}
          <button type="button" className="link-button" onClick={() => setShowAll(true)}>
            Show all
          </button>
        </p>
      )}
      {log.error && <ErrorState error={log.error} retry={log.retry} />}
      <div
        ref={box}
        className="log log-lines"
        data-testid="build-log"
        role="log"
        aria-live="off"
        aria-label="Build log"
        // A scrollable region must take keyboard focus to be scrolled without a mouse.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region, see above.
        tabIndex={0}
        onScroll={onScroll}
      >
        {log.loading ? (
          <Loading what="the log" />
        ) : filtered.length === 0 ? (
          <p className="log-empty">
            {running ? "Waiting for output…" : stage ? "This stage wrote nothing." : "No output."}
          </p>
        ) : (
          <LogLines lines={shown} offset={hidden} marks={marks} grouped={stage === null} />
        )}
      </div>
    </section>
  );
}

/** The lines, with a stage heading wherever the stage changes (when all stages are shown). */
function LogLines(props: {
  lines: RenderedLine[];
  offset: number;
  marks: ReturnType<typeof marksByLine>;
  grouped: boolean;
}) {
  const rows: ReactNode[] = [];
  let previousStage: string | null = null;
  props.lines.forEach((line, index) => {
    if (props.grouped && line.stage !== previousStage) {
      rows.push(
        <div key={`stage-${line.n}`} className="log-stage">
          {line.stage}
        </div>,
      );
    }
    previousStage = line.stage;
    const ranges = props.marks.get(index + props.offset);
    rows.push(
      <LogRow
        key={line.n}
        line={line}
        html={ranges ? highlightHtml(line.html, ranges) : line.html}
      />,
    );
  });
  return <>{rows}</>;
}

/** One line; memoized so a new line or a search change only redraws the lines it touches. */
const LogRow = memo(function LogRow({ line, html }: { line: RenderedLine; html: string }) {
  return (
    <div className={`log-line log-${line.stream}`} data-n={line.n}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: AnsiUp escapes the text; only its colour spans are HTML. */}
      <span className="log-text" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
});
