// Over the table: why the pods cannot be listed (unreachable, TLS, 401, 403 …), its fix, and
// Retry. A bad label selector is shown at the selector instead; a lost core in ConnectionBar.
import { restartWatch } from '../actions/pod-watch';
import { useNow } from '../format/use-now';
import { usePodsStore } from '../stores/pods-store';
import { useUiStore } from '../stores/ui-store';
import { ErrorView } from './ErrorView';

export function WatchErrorBanner() {
  const watch = usePodsStore((s) => s.watch);
  const labelSelector = usePodsStore((s) => s.labelSelector);
  const connection = useUiStore((s) => s.connection);
  const now = useNow(1000);
  const error = watch.error;
  if (!error || connection === 'lost' || error.code === 'TRANSPORT_CLOSED') return null;
  if (error.code === 'INVALID_INPUT' && labelSelector) return null;
  if (watch.state !== 'retrying' && watch.state !== 'failed' && watch.state !== 'stopped')
    return null;
  const secs = watch.retryAt ? Math.ceil((Date.parse(watch.retryAt) - now) / 1000) : 0;
  const title =
    watch.state === 'retrying'
      ? `Cannot list pods — retrying${secs > 0 ? ` in ${secs}s` : '…'}`
      : 'Cannot list pods';
  return (
    <ErrorView
      error={error}
      variant="banner"
      title={title}
      actions={
        <button type="button" className="btn" onClick={() => void restartWatch()}>
          Retry now
        </button>
      }
    />
  );
}
