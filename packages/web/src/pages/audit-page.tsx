import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { Link, useSearchParams } from "react-router";
import type { AuditEntry } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { CursorPager, useCursorPages } from "../components/cursor-pager.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { RelativeTime } from "../components/time.js";
import {
  type AuditFilters,
  auditFilterNames,
  auditSearch,
  knownActions,
  readAuditFilters,
  summariseDetails,
} from "../lib/audit.js";
import { environmentPath, projectPath } from "../lib/builds-overview.js";
import { formatTimestamp } from "../lib/time.js";
import { useProjectNames } from "../lib/use-project-names.js";
import { useTitle } from "../lib/use-title.js";

const PAGE_SIZE = 50;

/** Who did what, newest first: deploys, approvals, blocks, role changes… filtered in the URL. */
export function AuditPage() {
  useTitle("Audit");
  const [search, setSearch] = useSearchParams();
  const filters = readAuditFilters(search);
  const apply = (next: AuditFilters) => setSearch(auditSearch(next));
  const key = auditSearch(filters).toString();

  return (
    <>
      <h1>Audit log</h1>
      <AuditFilterForm key={key} filters={filters} apply={apply} />
      <AuditList key={`list-${key}`} filters={filters} />
    </>
  );
}

function AuditFilterForm(props: { filters: AuditFilters; apply: (next: AuditFilters) => void }) {
  const { filters, apply } = props;
  const projects = useProjectNames();
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = { ...filters };
    for (const name of auditFilterNames) next[name] = String(form.get(name) ?? "");
    apply(next);
  };
  const any = auditFilterNames.some((name) => filters[name] !== "");
  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Filter the audit log">
      <label>
        Project
        <select
          name="project"
          defaultValue={filters.project}
          onChange={(event) => apply({ ...filters, project: event.target.value })}
        >
          <option value="">All projects</option>
          {projects.names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Environment
        <input name="environment" defaultValue={filters.environment} placeholder="production" />
      </label>
      <label>
        Action
        <input
          name="action"
          defaultValue={filters.action}
          list={`${id}-actions`}
          placeholder="block, deploy., …"
        />
      </label>
      <datalist id={`${id}-actions`}>
        {knownActions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <label>
        Actor
        <input name="actor" defaultValue={filters.actor} placeholder="ann" />
      </label>
      <div className="audit-filter-actions">
        <button type="submit" className="primary">
          Filter
        </button>
        {any && (
          <button
            type="button"
            onClick={() => apply({ project: "", environment: "", action: "", actor: "" })}
          >
            Clear
          </button>
        )}
      </div>
      <p className="hint audit-hint">
        An action ending in a dot matches every action that starts with it: <code>deploy.</code>{" "}
        finds <code>deploy.forced</code> and the like.
      </p>
    </form>
  );
}

function AuditList({ filters }: { filters: AuditFilters }) {
  const pages = useCursorPages();
  const { before } = pages;
  const page = useQuery({
    queryKey: ["audit", filters, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/audit", {
          params: {
            query: {
              project: filters.project || undefined,
              environment: filters.environment || undefined,
              action: filters.action || undefined,
              actor: filters.actor || undefined,
              before,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
  });

  if (page.isPending) return <Loading what="the audit log" />;
  if (page.isError) return <ErrorState error={page.error} retry={() => void page.refetch()} />;
  if (page.data.length === 0 && before === undefined) {
    return (
      <EmptyState title="Nothing recorded matches">
        Deploys, rollbacks, approvals, blocks and changes to users and settings are recorded here.
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table data-testid="audit" className="audit-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col" className="hide-narrow">
                Target
              </th>
              <th scope="col">Where</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      </div>
      <CursorPager
        label="Pages of the audit log"
        pages={pages}
        ids={page.data.map((entry) => entry.id)}
        pageSize={PAGE_SIZE}
      />
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const details = summariseDetails(entry.details);
  return (
    <tr data-testid="audit-entry">
      <td className="audit-when">
        <RelativeTime at={entry.at} />
        <span className="audit-time muted">{formatTimestamp(entry.at)}</span>
      </td>
      <td>{entry.actor}</td>
      <td>
        <code className="audit-action">{entry.action}</code>
      </td>
      <td className="hide-narrow mono audit-target">{entry.target}</td>
      <td>
        <Where project={entry.project} environment={entry.environment} />
      </td>
      <td className="audit-details" title={JSON.stringify(entry.details, null, 2)}>
        {details || <span className="muted">–</span>}
      </td>
    </tr>
  );
}

function Where({ project, environment }: { project: string | null; environment: string | null }) {
  if (project === null) return <span className="muted">–</span>;
  if (environment === null) return <Link to={projectPath(project)}>{project}</Link>;
  return (
    <Link to={environmentPath(project, environment)}>
      {project} / {environment}
    </Link>
  );
}
