import { useState } from 'react';
import { Modal } from '../../forms/modal';
import { EndpointForm } from './endpoint-form';
import { SigningSecret } from './signing-secret';
import type { PluginDescription, Subscription, WithSecret } from './subscriptions-api';

interface Props {
  readonly plugin: PluginDescription;
  /** The endpoint to edit; without it, one is added. */
  readonly subscription?: Subscription;
  /** Takes the saved endpoint (without its secret) into the page. */
  readonly onSaved: (saved: Subscription) => void;
  readonly onClose: () => void;
}

/**
 * Adds or edits an endpoint in a dialog. A new endpoint's signing secret is shown here, once,
 * before the dialog closes: it cannot be fetched again.
 */
export function EndpointDialog({ plugin, subscription, onSaved, onClose }: Props) {
  const [created, setCreated] = useState<{ readonly url: string; readonly secret: string }>();
  const saved = ({ signingSecret, ...view }: WithSecret) => {
    onSaved(view);
    if (signingSecret) setCreated({ url: view.url, secret: signingSecret });
    else onClose();
  };
  if (created) {
    return (
      <Modal title="Endpoint added" onClose={onClose}>
        <p>
          Every request to <code>{created.url}</code> is signed with this secret (webhook-signature).
        </p>
        <SigningSecret secret={created.secret} onDone={onClose} />
      </Modal>
    );
  }
  return (
    <Modal title={subscription ? 'Edit endpoint' : `Add a ${plugin.title} endpoint`} onClose={onClose}>
      <EndpointForm plugin={plugin} subscription={subscription} onSaved={saved} onCancel={onClose} />
    </Modal>
  );
}
