import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';

interface ModalProps {
  readonly title: string;
  /** Escape, the close button, or the caller's own Cancel. */
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A modal `<dialog>` (Pico styles `dialog > article`): the browser keeps focus inside it, Escape
 * closes it, and focus returns to the button that opened it.
 */
export function Modal({ title, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // A layout effect: its cleanup runs before React removes the dialog, and only closing a dialog
  // still in the page gives the focus back to its opener (a passive cleanup runs too late).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <article>
        <header>
          <button type="button" rel="prev" aria-label="Close" onClick={onClose} />
          <h2 id={titleId}>{title}</h2>
        </header>
        {children}
      </article>
    </dialog>
  );
}

interface ConfirmProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The confirming button's words ("Delete"). */
  readonly confirm: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/** Asks before something that cannot be undone. */
export function ConfirmModal({ title, children, confirm, busy, onConfirm, onClose }: ConfirmProps) {
  return (
    <Modal title={title} onClose={onClose}>
      {children}
      <footer>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={onConfirm} aria-busy={busy} disabled={busy}>
          {confirm}
        </button>
      </footer>
    </Modal>
  );
}
