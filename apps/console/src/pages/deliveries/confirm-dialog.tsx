import { type ReactNode, useEffect, useId, useRef } from 'react';

interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The confirming button's words ("Recover"). */
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/**
 * A modal `<dialog>` that asks before an action (Pico styles `dialog > article`): the browser keeps
 * focus inside it and Escape cancels; focus starts on Cancel, so Enter alone does nothing rash.
 */
export function ConfirmDialog({ title, children, confirm, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
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
        <h2 id={titleId}>{title}</h2>
        {children}
        <footer>
          <button type="button" className="secondary" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" onClick={onConfirm}>
            {confirm}
          </button>
        </footer>
      </article>
    </dialog>
  );
}
