import { useState } from 'react';

/** Copies `text` to the clipboard and says whether it worked (the text stays selectable either way). */
export function CopyButton({ text, label }: { readonly text: string; readonly label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      // No clipboard permission (or an insecure origin): the person copies it by hand.
      setOutcome('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>{' '}
      <span role="status">{outcome === 'copied' ? 'Copied.' : outcome === 'failed' ? 'Could not copy: select the text and copy it.' : ''}</span>
    </>
  );
}
