import { rolesBeyondGrant } from './portal-roles';

describe('rolesBeyondGrant', () => {
  it('lets the operator grant any console role', () => {
    expect(rolesBeyondGrant({ kind: 'operator' }, ['admin', 'setup'])).toEqual([]);
  });

  it('lets a tenant admin grant admin and setup (admin may do all setup may)', () => {
    expect(rolesBeyondGrant({ kind: 'tenant', tenantId: 't', roles: ['admin'] }, ['setup', 'admin'])).toEqual([]);
  });

  it('names each role the maker does not hold', () => {
    expect(rolesBeyondGrant({ kind: 'tenant', tenantId: 't', roles: ['setup'] }, ['setup', 'admin'])).toEqual([
      { field: 'roles.1', rule: 'not_held', message: 'you cannot grant admin: you do not hold it' },
    ]);
  });
});
