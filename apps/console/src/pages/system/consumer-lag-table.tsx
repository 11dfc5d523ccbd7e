import type { SystemState } from './system-queries';

/** Messages each consumer group has yet to read, per topic (summed over partitions). */
export function ConsumerLagTable({ groups }: { readonly groups: SystemState['consumerGroups'] }) {
  const rows = groups.flatMap((group) => group.topics.map((topic) => ({ groupId: group.groupId, ...topic })));
  if (rows.length === 0) return <p>No consumer group has committed an offset yet.</p>;
  return (
    <div className="overflow-auto">
      <table>
        <thead>
          <tr>
            <th scope="col">Consumer group</th>
            <th scope="col">Topic</th>
            <th scope="col" className="numeric">
              Lag (messages)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.groupId} ${row.topic}`}>
              <th scope="row">
                <code>{row.groupId}</code>
              </th>
              <td>
                <code>{row.topic}</code>
              </td>
              <td className="numeric">{row.lag.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
