import { useState } from 'react';
import { Field } from '../../forms/field';

/** A signing secret and the subscription it belongs to, held only in memory: the server shows it once. */
export interface ShownSecret {
  readonly subscriptionId: string;
  readonly secret: string;
}

interface Props {
  readonly secret: string;
  readonly onDone: () => void;
}

/**
 * The `whsec_` secret the receiver checks `webhook-signature` with, shown right after it was made
 * (create or rotate). It cannot be fetched again, so it is shown with a Copy button and a warning.
 */
export function SigningSecret({ secret, onDone }: Props) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="signing-secret">
      <Field
        label="Signing secret"
        readOnly
        value={secret}
        onFocus={(event) => event.target.select()}
        hint="Shown this once: store it now where your system checks the webhook-signature header. Rotate the secret if it is lost."
      />
      <div className="actions">
        <button type="button" aria-label="Copy signing secret" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
        <span role="status">{copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused to copy; select the secret and copy it by hand.' : ''}</span>
      </div>
    </div>
  );
}
