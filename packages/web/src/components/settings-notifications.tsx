import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { SettingsProjectPicker } from "./settings-project-picker.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

/** Where a project's notifications go (from its weeknight.yml), a test for each, and what was sent. */
export function SettingsNotifications() {
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <SettingsProjectPicker>
        {(project) => (
          <>
            <Channels project={project} />
            <Deliveries project={project} />
          </>
        )}
      </SettingsProjectPicker>
    </section>
  );
}

function Channels({ project }: { project: string }) {
  const channels = useQuery({
    queryKey: ["notify-channels", project],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/notify/channels", {
          params: { path: { name: project } },
        }),
      ),
  });
  if (channels.isPending) return <Loading what="channels" />;
  if (channels.isError)
    return <ErrorState error={channels.error} retry={() => void channels.refetch()} />;
  return (
    <>
      <h3>Channels</h3>
      {channels.data.length === 0 ? (
        <EmptyState title={`${project} sends no notifications`}>
          Add a <code>notify:</code> list (Slack, webhook or e-mail) to the project's{" "}
          <code>weeknight.yml</code>; channels show here once a build with it passes.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Target</th>
                <th scope="col" className="hide-narrow">
                  Events
                </th>
                <th scope="col">Test</th>
              </tr>
            </thead>
            <tbody>
              {channels.data.map((channel) => (
                <tr key={channel.index}>
                  <td>{channel.type}</td>
                  <td className="mono break">{channel.target}</td>
                  <td className="hide-narrow">
                    <ul className="tag-list">
                      {channel.events.map((event) => (
                        <li key={event} className="tag">
                          {event}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <TestButton project={project} index={channel.index} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TestButton({ project, index }: { project: string; index: number }) {
  const queries = useQueryClient();
  const test = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/projects/{name}/notify/channels/{index}/test", {
          params: { path: { name: project, index } },
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: ["deliveries"] }),
  });
  return (
    <div className="test-cell">
      <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? "Sending…" : "Send test"}
      </button>
      <span aria-live="polite" className="small">
        {test.isSuccess && (
          <>
            <StatusChip status={test.data.status} />
            {test.data.lastError && <span className="bad-text"> {test.data.lastError}</span>}
          </>
        )}
        {test.isError && <span className="bad-text">{test.error.message}</span>}
      </span>
    </div>
  );
}

function Deliveries({ project }: { project: string }) {
  const deliveries = useQuery({
    queryKey: ["deliveries", project],
    queryFn: () =>
      unwrap(api.GET("/api/v1/deliveries", { params: { query: { project, limit: 50 } } })),
  });
  return (
    <>
      <h3>Recent deliveries</h3>
      {deliveries.isPending ? (
        <Loading what="deliveries" />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} retry={() => void deliveries.refetch()} />
      ) : deliveries.data.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          Deliveries appear here as builds and deployments notify, or when you send a test.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Attempts
                </th>
                <th scope="col" className="hide-narrow">
                  Error
                </th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td className="mono">{delivery.event}</td>
                  <td>
                    {delivery.channel}
                    <div className="muted small mono break">{delivery.target}</div>
                  </td>
                  <td>
                    <StatusChip status={delivery.status} />
                  </td>
                  <td className="hide-narrow">{delivery.attempts}</td>
                  <td className="hide-narrow bad-text">{delivery.lastError ?? ""}</td>
                  <td>
                    <RelativeTime at={delivery.finishedAt ?? delivery.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
