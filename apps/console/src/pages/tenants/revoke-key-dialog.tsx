import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { FormError } from '../../forms/field';
import { ConfirmModal } from '../../forms/modal';
import { type ApiKeySummary, apiKeysKey } from './tenant-queries';

interface RevokeKeyDialogProps {
  readonly tenantId: string;
  readonly apiKey: ApiKeySummary;
  /** Called when the dialog is done, saying whether the key was revoked. */
  readonly onClose: (revoked: boolean) => void;
}

/** Asks before revoking: a revoked key cannot be restored, and whatever uses it stops working. */
export function RevokeKeyDialog({ tenantId, apiKey, onClose }: RevokeKeyDialogProps) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id: tenantId, keyId: apiKey.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(tenantId) }),
  });
  return (
    <ConfirmModal
      title={`Revoke API key ${apiKey.id}?`}
      confirm="Revoke key"
      busy={revoke.isPending}
      onConfirm={() => revoke.mutate(undefined, { onSuccess: () => onClose(true) })}
      onClose={() => onClose(false)}
    >
      <p>Every request with this key is refused from then on, and the console sessions opened with it, or with portal links it made, end. This cannot be undone.</p>
      <FormError error={revoke.error} />
    </ConfirmModal>
  );
}
