// Drag to resize the details panel (its width is remembered); arrow keys work too.
import { useState, type PointerEvent } from 'react';
import { useUiStore } from '../stores/ui-store';

const MIN = 320;
const clamp = (w: number) => Math.round(Math.min(Math.max(w, MIN), window.innerWidth - 420));

export function ResizeHandle() {
  const [dragging, setDragging] = useState(false);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging) useUiStore.getState().setDetailsWidth(clamp(window.innerWidth - e.clientX));
  };
  return (
    <div
      className={`resize-handle ${dragging ? 'dragging' : ''}`}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize details panel"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => setDragging(false)}
      onKeyDown={(e) => {
        const w = useUiStore.getState().detailsWidth;
        if (e.key === 'ArrowLeft') useUiStore.getState().setDetailsWidth(clamp(w + 24));
        if (e.key === 'ArrowRight') useUiStore.getState().setDetailsWidth(clamp(w - 24));
      }}
    />
  );
}
