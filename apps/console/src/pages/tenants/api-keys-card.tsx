import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { issuesOf } from '../../api/problem';
import { FormError } from '../../forms/field';
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
        <FormError error={create.error && !fieldError('roles') ? create.error : undefined} />
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
            // The Revoke button that opened the dialog is gone: keep the focus in the card.
            if (revoked) heading.current?.focus();
          }}
        />
      )}
    </article>
  );
}
