// A dropdown anchored under its button; closes on outside click or Escape.
import { useEffect, useRef, type ReactNode } from 'react';
import './popover.css';

export function Popover(props: {
  open: boolean;
  onClose: () => void;
  anchor: ReactNode;
  children: ReactNode;
  className?: string;
  align?: 'left' | 'right';
}) {
  const { open, onClose, anchor, children, className, align = 'left' } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onClose]);
  return (
    <div className="popover-host" ref={ref}>
      {anchor}
      {open && <div className={`popover popover-${align} ${className ?? ''}`}>{children}</div>}
    </div>
  );
}
