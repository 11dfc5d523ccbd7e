import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Body, unwrap } from '../../api/client';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { FormProblem } from '../../forms/form-problem';
import { CopyButton } from './copy-button';
import { RoleCheckboxes } from './role-checkboxes';
import { When } from './when';

type PortalRole = Body<'/v1/portal-sessions', 'post'>['roles'][number];

// What a portal link may grant: producers send events and have nothing to see in the console.
const PORTAL_ROLES: readonly PortalRole[] = ['admin', 'setup'];

const SESSION_LENGTHS = [
  { seconds: 900, label: '15 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 4 * 3600, label: '4 hours' },
  { seconds: 12 * 3600, label: '12 hours' },
];

/** One-time links that open the console for this tenant, to let someone in without handing out a key. */
export function PortalLinksCard({ tenantId }: { readonly tenantId: string }) {
  const [roles, setRoles] = useState<PortalRole[]>(['setup']);
  const [ttlSeconds, setTtlSeconds] = useState(3600);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/portal-sessions', { body: { tenantId, roles, ttlSeconds } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const fieldError = issuesOf(create.error);
  return (
    <article aria-labelledby="portal-links-heading">
      <h2 id="portal-links-heading">Portal links</h2>
      <p>A portal link opens the console once, signed in to this tenant with the roles you choose; it must be opened within 10 minutes.</p>
      <form onSubmit={submit}>
        <RoleCheckboxes legend="Roles of the portal session" options={PORTAL_ROLES} value={roles} onChange={setRoles} error={fieldError('roles')} />
        <ControlField label="Session length" error={fieldError('ttlSeconds')} hint="How long the console stays signed in once the link is opened.">
          {(control) => (
            <select {...control} value={ttlSeconds} onChange={(event) => setTtlSeconds(Number(event.target.value))}>
              {SESSION_LENGTHS.map((length) => (
                <option key={length.seconds} value={length.seconds}>
                  {length.label}
                </option>
              ))}
            </select>
          )}
        </ControlField>
        <FormProblem error={create.error} fields={['roles', 'ttlSeconds']} />
        <button type="submit" aria-busy={create.isPending}>
          Create portal link
        </button>
      </form>
      {create.data && (
        <section aria-labelledby="portal-link-heading">
          <h3 id="portal-link-heading">New portal link</h3>
          <label htmlFor="portal-link-value">Portal link</label>
          <input id="portal-link-value" readOnly value={create.data.url} onFocus={(event) => event.target.select()} />
          <p>
            <CopyButton text={create.data.url} label="Copy portal link" />
          </p>
          <p>
            It works once, until <When iso={create.data.expiresAt} />.
          </p>
        </section>
      )}
    </article>
  );
}
