import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import type { CalendarEnvironment } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { environmentPath } from "../lib/builds-overview.js";
import {
  type AgendaDay,
  type AgendaRun,
  agendaDays,
  formatFreezeRange,
  runStatusLabel,
} from "../lib/calendar.js";
import { formatClock } from "../lib/time.js";
import { useTitle } from "../lib/use-title.js";

const dayChoices = [7, 14, 30] as const;
const DEFAULT_DAYS = 14;

/** The next days' scheduled deploys and what would happen to each, with windows and freezes. */
export function CalendarPage() {
  useTitle("Calendar");
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get("days"));
  const days = (dayChoices as readonly number[]).includes(asked) ? asked : DEFAULT_DAYS;
  const daysId = useId();
  const calendar = useQuery({
    queryKey: ["calendar", days],
    queryFn: () => unwrap(api.GET("/api/v1/calendar", { params: { query: { days } } })),
  });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <div className="calendar-page">
      <div className="section-head">
        <h1>Calendar</h1>
        <form className="toolbar" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={daysId} className="inline-label">
            Show
          </label>
          <select
            id={daysId}
            value={days}
            onChange={(event) =>
              setSearch(
                event.target.value === String(DEFAULT_DAYS) ? {} : { days: event.target.value },
              )
            }
          >
            {dayChoices.map((choice) => (
              <option key={choice} value={choice}>
                next {choice} days
              </option>
            ))}
          </select>
        </form>
      </div>
      <p className="hint">
        Every scheduled deploy and what would happen to it if it ran now: it deploys, or waits for a
        freeze, the deploy window or a block. Times are in your time zone ({zone}).
      </p>
      {calendar.isPending ? (
        <Loading what="the calendar" />
      ) : calendar.isError ? (
        <ErrorState error={calendar.error} retry={() => void calendar.refetch()} />
      ) : calendar.data.environments.length === 0 ? (
        <EmptyState title="No scheduled deploys">
          Give an environment <code>deploy: {"{ schedule: … }"}</code> in its{" "}
          <code>weeknight.yml</code> and its runs show here.
        </EmptyState>
      ) : (
        <>
          <Rules environments={calendar.data.environments} />
          <section aria-labelledby="agenda-title">
            <h2 id="agenda-title">Agenda</h2>
            <ol className="agenda" data-testid="agenda">
              {agendaDays(calendar.data).map((day) => (
                <Day key={day.key} day={day} zone={zone} />
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}

/** Each environment's schedule, deploy windows and freezes. */
function Rules({ environments }: { environments: CalendarEnvironment[] }) {
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Windows and freezes</h2>
      <div className="table-wrap">
        <table data-testid="calendar-rules">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Schedule</th>
              <th scope="col">Deploy windows</th>
              <th scope="col">Freezes</th>
            </tr>
          </thead>
          <tbody>
            {environments.map((env) => (
              <tr key={`${env.project}/${env.environment}`}>
                <td>
                  <Link to={environmentPath(env.project, env.environment)}>
                    {env.project} / {env.environment}
                  </Link>
                  <span className="muted calendar-zone">{env.timezone}</span>
                </td>
                <td className="mono">{env.deploy}</td>
                <td>
                  {env.windows === null ? (
                    <span className="muted">any time</span>
                  ) : (
                    <ul className="plain-list">
                      {env.windows.map((window) => (
                        <li key={window} className="mono">
                          {window}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {env.freezes.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul className="plain-list">
                      {env.freezes.map((freeze) => (
                        <li key={`${freeze.name}-${freeze.from}`}>
                          <strong>{freeze.name}</strong>: {formatFreezeRange(freeze, env.timezone)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Day({ day, zone }: { day: AgendaDay; zone: string }) {
  const headingId = useId();
  return (
    <li className="agenda-day" aria-labelledby={headingId} data-testid={`day-${day.key}`}>
      <h3 id={headingId}>{day.label}</h3>
      {day.freezes.map((freeze) => (
        <p key={`${freeze.project}/${freeze.environment}/${freeze.name}`} className="agenda-freeze">
          <span aria-hidden="true">❄ </span>
          {freeze.project} / {freeze.environment} frozen: <strong>{freeze.name}</strong>
        </p>
      ))}
      {day.runs.length === 0 ? (
        <p className="muted agenda-none">No scheduled deploys</p>
      ) : (
        <ul className="agenda-runs">
          {day.runs.map((run) => (
            <Run key={`${run.project}/${run.environment}/${run.at}`} run={run} zone={zone} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Run({ run, zone }: { run: AgendaRun; zone: string }) {
  const local = formatClock(run.at);
  const theirs = formatClock(run.at, run.timezone);
  return (
    <li className={`agenda-run run-${run.status}`} data-testid="run">
      <time dateTime={new Date(run.at).toISOString()} className="agenda-time">
        {local}
        {run.timezone !== zone && theirs !== local && (
          <span className="muted agenda-their-time">
            {" "}
            ({theirs} {run.timezone})
          </span>
        )}
      </time>
      <Link to={environmentPath(run.project, run.environment)}>
        {run.project} / {run.environment}
      </Link>
      <StatusChip status={run.status} label={runStatusLabel(run)} />
      {run.reason && <span className="agenda-reason">{run.reason}</span>}
    </li>
  );
}
