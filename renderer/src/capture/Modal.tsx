// A modal on the native <dialog>: the browser traps focus, makes the page behind inert and
// turns Esc into `cancel`. Enter confirms unless focus is on a button or link (those act on
// their own). Focus returns to what had it before (the Capture button), as in any desktop app.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export function Modal(props: {
  label: string;
  onClose: () => void;
  /** Called on Enter; undefined while confirming is not possible. */
  onConfirm?: () => void;
  className?: string;
  children: ReactNode;
}) {
  const { label, onClose, onConfirm, className, children } = props;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      before?.focus?.();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.nativeEvent.isComposing) return;
    const t = e.target as HTMLElement;
    if (t.closest('button, a, textarea, summary')) return;
    e.preventDefault();
    onConfirm?.();
  };
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`modal ${className ?? ''}`}
      onCancel={(e) => {
        // Esc: React owns the open state, so close through it rather than natively.
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      {children}
    </dialog>
  );
}
