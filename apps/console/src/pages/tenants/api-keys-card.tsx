import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { issuesOf } from '../../api/problem';
import { FormError } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import type { Role } from '../../session/session';
import { ApiKeyTable } from './api-key-table';
import { NewKeyDialog } from './new-key-dialog';
import { RevokeKeyDialog } from './revoke-key-dialog';
import { RoleCheckboxes } from './role-checkboxes';
import { type ApiKeySummary, apiKeys, apiKeysKey } from './tenant-queries';

const KEY_ROLES: readonly Role[] = ['admin', 'setup', 'producer'];

/** The tenant's keys: create one with roles (its secret shown once), revoke one. */
export function ApiKeysCard({ tenantId }: { readonly tenantId: string }) {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: apiKeysKey(tenantId), queryFn: () => apiKeys(tenantId) });
  const [roles, setRoles] = useState<Role[]>([]);
  const [revoking, setRevoking] = useState<ApiKeySummary>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The Revoke button that opened the dialog is gone with the key: the focus goes to the card's
  // heading, once the dialog has closed (while it is open, the rest of the page is inert).
  const [revocations, setRevocations] = useState(0);
  useEffect(() => {
    if (revocations > 0) heading.current?.focus();
  }, [revocations]);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId } }, body: { roles } })),
    onSuccess: () => {
      setRoles([]);
      return queryClient.invalidateQueries({ queryKey: apiKeysKey(tenantId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const fieldError = issuesOf(create.error);
  return (
    <article aria-labelledby="api-keys-heading" aria-busy={keys.isPending}>
      <h2 id="api-keys-heading" ref={heading} tabIndex={-1}>
        API keys
      </h2>
      <FormError error={keys.error} />
      {keys.data && <ApiKeyTable keys={keys.data.items} onRevoke={setRevoking} />}
      <form onSubmit={submit} aria-labelledby="new-key-heading">
        <h3 id="new-key-heading">New API key</h3>
        <RoleCheckboxes
          legend="Roles"
          options={KEY_ROLES}
          value={roles}
          onChange={setRoles}
          error={fieldError('roles')}
          hint="Admin manages everything, keys included; Setup manages integrations and notifications; Producer sends events."
        />
        <FormProblem error={create.error} fields={['roles']} />
        <button type="submit" aria-busy={create.isPending}>
          Create API key
        </button>
      </form>
      {/* Closing drops the key from the page and from memory: it is never shown again. */}
      {create.data && <NewKeyDialog created={create.data} onClose={() => create.reset()} />}
      {revoking && (
        <RevokeKeyDialog
          tenantId={tenantId}
          apiKey={revoking}
          onClose={(revoked) => {
            setRevoking(undefined);
            if (revoked) setRevocations((count) => count + 1);
          }}
        />
      )}
    </article>
  );
}
