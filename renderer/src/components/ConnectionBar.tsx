// Browser mode: the WebSocket to the core dropped. Everything else stays on screen, stale.
import { useUiStore } from '../stores/ui-store';

export function ConnectionBar() {
  const connection = useUiStore((s) => s.connection);
  if (connection !== 'lost') return null;
  return (
    <div className="connection-bar" role="status">
      <span className="watch-dot" />
      Lost connection to Snoopy — reconnecting…{' '}
      <span className="dim">(the pods shown may be out of date)</span>
    </div>
  );
}
