import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, unwrap } from '../../api/client';
import { FormError } from '../../forms/field';
import { Modal } from './modal';
import { type ApiKeySummary, apiKeysKey } from './tenant-queries';

interface RevokeKeyDialogProps {
  readonly tenantId: string;
  readonly apiKey: ApiKeySummary;
  /** Called once the dialog closed, saying whether the key was revoked. */
  readonly onClose: (revoked: boolean) => void;
}

/** Asks before revoking: a revoked key cannot be restored, and whatever uses it stops working. */
export function RevokeKeyDialog({ tenantId, apiKey, onClose }: RevokeKeyDialogProps) {
  const queryClient = useQueryClient();
  const revoked = useRef(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id: tenantId, keyId: apiKey.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(tenantId) }),
  });
  return (
    <Modal labelledBy="revoke-key-heading" onClose={() => onClose(revoked.current)}>
      {(close) => (
        <>
          <header>
            <h2 id="revoke-key-heading">Revoke API key {apiKey.id}?</h2>
          </header>
          <p>Every request with this key is refused from then on, and the console sessions opened with it, or with portal links it made, end. This cannot be undone.</p>
          <FormError error={revoke.error} />
          <footer>
            <button type="button" className="secondary" autoFocus onClick={close}>
              Cancel
            </button>{' '}
            <button type="button" aria-busy={revoke.isPending} onClick={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => {
                    revoked.current = true;
                    close();
                  },
                })
              }>
              Revoke key
            </button>
          </footer>
        </>
      )}
    </Modal>
  );
}
