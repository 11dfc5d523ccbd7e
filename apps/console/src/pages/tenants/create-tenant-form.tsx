import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { issuesOf } from '../../api/problem';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { TENANTS_KEY } from './tenant-queries';

/** `POST /v1/tenants {name}`; the new tenant's page is where its first API key is made. */
export function CreateTenantForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/tenants', { body: { name } })),
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: TENANTS_KEY });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const fieldError = issuesOf(create.error);
  return (
    <article aria-labelledby="new-tenant-heading">
      <h2 id="new-tenant-heading">New tenant</h2>
      <form onSubmit={submit}>
        <Field label="Name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} error={fieldError('name')} />
        <FormProblem error={create.error} fields={['name']} />
        <button type="submit" aria-busy={create.isPending}>
          Create tenant
        </button>
      </form>
      {create.data && (
        <p role="status">
          Tenant {create.data.name} created: <Link to={`/tenants/${create.data.id}`}>create its first API key</Link>.
        </p>
      )}
    </article>
  );
}
