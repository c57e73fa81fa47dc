// The few icons the UI needs, inline SVG (no icon font, nothing fetched).
const PATHS = {
  copy: 'M5 1.5h6.5A1.5 1.5 0 0 1 13 3v8M3 4.5h6A1.5 1.5 0 0 1 10.5 6v7A1.5 1.5 0 0 1 9 14.5H3A1.5 1.5 0 0 1 1.5 13V6A1.5 1.5 0 0 1 3 4.5z',
  check: 'M2.5 8.5l3.5 3.5 7.5-8',
  search: 'M7 12.5A5.5 5.5 0 1 0 7 1.5a5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5',
} as const;

export function Icon({ name, size = 12 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="icon">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
