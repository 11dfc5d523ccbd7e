import type { Answer } from '../../api/client';
import { Modal } from '../../forms/modal';
import { CopyButton } from './copy-button';
import { ROLE_LABELS } from './role-checkboxes';

interface NewKeyDialogProps {
  readonly created: Answer<'/v1/tenants/{id}/api-keys', 'post'>;
  readonly onClose: () => void;
}

/** The only time a key's secret is shown: the server keeps its hash alone. */
export function NewKeyDialog({ created, onClose }: NewKeyDialogProps) {
  return (
    <Modal title="API key created" onClose={onClose}>
      <p>
        <strong>Copy this API key now: it will not be shown again.</strong> Whoever holds it acts as this tenant with the roles{' '}
        {created.roles.map((role) => ROLE_LABELS[role]).join(', ')}.
      </p>
      <label htmlFor="new-key-value">API key</label>
      <input id="new-key-value" readOnly value={created.key} onFocus={(event) => event.target.select()} />
      <p>
        <CopyButton text={created.key} label="Copy API key" />
      </p>
      <footer>
        <button type="button" onClick={onClose}>
          I have copied it
        </button>
      </footer>
    </Modal>
  );
}
