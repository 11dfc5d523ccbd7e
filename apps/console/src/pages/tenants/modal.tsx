import { type ReactNode, useEffect, useRef } from 'react';

interface ModalProps {
  /** The id of the heading that names the dialog. */
  readonly labelledBy: string;
  /** Called once the dialog closed: by Escape, a `<form method="dialog">` button, or `close`. */
  readonly onClose: () => void;
  readonly children: (close: () => void) => ReactNode;
}

/**
 * A modal `<dialog>`, shown while mounted: the browser traps focus inside it, makes the rest of the
 * page inert, closes it on Escape and gives focus back to what opened it.
 */
export function Modal({ labelledBy, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // StrictMode runs effects twice in development; a second showModal() on an open dialog throws.
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={labelledBy} onClose={onClose}>
      <article>{children(() => ref.current?.close())}</article>
    </dialog>
  );
}
