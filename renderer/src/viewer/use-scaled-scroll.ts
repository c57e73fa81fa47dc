// Virtual scrolling for lists taller than a browser can draw. A million 20-px rows is 20,000,000
// px: Chromium composites in float32 and rows drift and overlap that far down. So the scroll
// area is capped at MAX_SCROLL_PX and its scrollTop is scaled onto the full list; below the cap
// the scale is 1 and this is plain virtual scrolling. Only rows [first, last] are rendered.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export const MAX_SCROLL_PX = 1_000_000;

export interface ScaledWindow {
  /** Height of the scroll area's content. */
  height: number;
  first: number;
  last: number;
  /** Where the block of rendered rows starts, in the scroll area's coordinates. */
  top: number;
  scrollToIndex(index: number): void;
}

export function useScaledScroll(
  scrollRef: RefObject<HTMLDivElement | null>,
  count: number,
  rowHeight: number,
): ScaledWindow {
  const [viewport, setViewport] = useState(400);
  // The exact position in the full list; the element's scrollTop is only its rounded image.
  const [offset, setOffset] = useState(0);
  const expectedScrollTop = useRef(0);

  const full = count * rowHeight;
  const height = Math.min(full, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, height - viewport);
  const fullMax = Math.max(0, full - viewport);
  const geometry = useRef({ maxScroll, fullMax });
  geometry.current = { maxScroll, fullMax };

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const resize = new ResizeObserver(() => setViewport(el.clientHeight));
    resize.observe(el);
    const onScroll = () => {
      // Our own scrollToIndex set this position: keep its exact offset, not the rounded one.
      if (Math.abs(el.scrollTop - expectedScrollTop.current) < 1.5) return;
      expectedScrollTop.current = el.scrollTop;
      const g = geometry.current;
      setOffset(g.maxScroll > 0 ? (el.scrollTop / g.maxScroll) * g.fullMax : 0);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [scrollRef]);

  // A shorter list (a filter) may leave the offset past its end.
  const clamped = Math.min(offset, fullMax);
  useEffect(() => {
    if (clamped !== offset) setOffset(clamped);
  }, [clamped, offset]);

  const first = Math.max(0, Math.floor(clamped / rowHeight));
  const last = Math.min(count - 1, first + Math.ceil(viewport / rowHeight) + 1);
  const scrollTop = fullMax > 0 ? (clamped / fullMax) * maxScroll : 0;
  const top = scrollTop - (clamped - first * rowHeight);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const rowTop = index * rowHeight;
      let target = clamped;
      if (rowTop < clamped) target = rowTop;
      else if (rowTop + rowHeight > clamped + viewport) target = rowTop + rowHeight - viewport;
      if (target === clamped) return;
      target = Math.max(0, Math.min(target, fullMax));
      setOffset(target);
      const next = fullMax > 0 ? (target / fullMax) * maxScroll : 0;
      expectedScrollTop.current = Math.round(next);
      el.scrollTop = next;
    },
    [scrollRef, rowHeight, clamped, viewport, fullMax, maxScroll],
  );

  return { height, first, last, top, scrollToIndex };
}
