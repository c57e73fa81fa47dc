// The watch at a glance: listing N…, live, retrying in Ns (with the error on hover), failed.
import { usePodsStore } from '../stores/pods-store';
import { useUiStore } from '../stores/ui-store';
import { formatCount } from '../format/time';
import { useNow } from '../format/use-now';
import './watch-indicator.css';

export function WatchIndicator() {
  const watch = usePodsStore((s) => s.watch);
  const connection = useUiStore((s) => s.connection);
  const now = useNow(1000);
  let tone = 'idle';
  let text: string;
  switch (watch.state) {
    case 'idle':
      text = 'not watching';
      break;
    case 'starting':
      tone = 'busy';
      text = 'connecting…';
      break;
    case 'listing':
      tone = 'busy';
      text = `listing ${formatCount(watch.loaded)}…`;
      break;
    case 'synced':
      tone = 'live';
      text = 'live';
      break;
    case 'retrying': {
      tone = 'warn';
      const secs = watch.retryAt
        ? Math.max(0, Math.ceil((Date.parse(watch.retryAt) - now) / 1000))
        : 0;
      text = secs > 0 ? `retrying in ${secs}s` : 'retrying…';
      break;
    }
    case 'failed':
      tone = 'bad';
      text = 'failed';
      break;
    case 'stopped':
      tone = 'idle';
      text = 'stopped';
      break;
  }
  if (connection === 'lost') {
    tone = 'warn';
    text = 'disconnected';
  }
  const title = watch.error ? `${watch.error.code}: ${watch.error.message}` : text;
  return (
    <span className={`watch-indicator watch-${tone}`} title={title} data-watch-state={watch.state}>
      <span className="watch-dot" />
      <span className="num">{text}</span>
    </span>
  );
}
