import type { SystemState } from './system-queries';

/** Messages kept aside as malformed or unknown, per quarantine topic (replayed through the API). */
export function QuarantineTable({ topics }: { readonly topics: SystemState['quarantine'] }) {
  if (topics.length === 0) return <p>No quarantine topic exists yet.</p>;
  return (
    <div className="overflow-auto">
      <table>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col" className="numeric">
              Messages
            </th>
          </tr>
        </thead>
        <tbody>
          {topics.map((row) => (
            <tr key={row.topic}>
              <th scope="row">
                <code>{row.topic}</code>
              </th>
              <td className="numeric">{row.messages.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
