import type { ApiKeySummary } from './tenant-queries';
import { ROLE_LABELS } from './role-checkboxes';
import { When } from './when';

interface ApiKeyTableProps {
  readonly keys: readonly ApiKeySummary[];
  readonly onRevoke: (key: ApiKeySummary) => void;
}

/** Each key by its id (the secret is never stored), its roles, and whether it still works. */
export function ApiKeyTable({ keys, onRevoke }: ApiKeyTableProps) {
  if (keys.length === 0) return <p>This tenant has no API keys yet.</p>;
  return (
    <div className="overflow-auto">
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <th scope="row">
                <code>{key.id}</code>
              </th>
              <td>{key.roles.map((role) => ROLE_LABELS[role]).join(', ')}</td>
              <td>
                <When iso={key.createdAt} />
              </td>
              <td>
                {key.revokedAt ? (
                  <>
                    Revoked <When iso={key.revokedAt} />
                  </>
                ) : (
                  'Active'
                )}
              </td>
              <td>
                {!key.revokedAt && (
                  <button type="button" className="secondary outline" aria-label={`Revoke key ${key.id}`} onClick={() => onRevoke(key)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
