// The app shell: the whole-window states first (no client, no kubeconfig, no usable
// context), then the pod browser; the screen tabs switch to the packet viewer, which needs no
// cluster and so stays reachable whatever the kubeconfig says.
import { FullPageError, NoUsableContext, Splash } from './components/FullPageMessage';
import { PodBrowser } from './components/PodBrowser';
import { useContextsStore } from './stores/contexts-store';
import { useUiStore } from './stores/ui-store';
import { useViewerStore } from './stores/viewer-store';
import { PacketViewer } from './viewer/PacketViewer';
import { ScreenTabs } from './viewer/ScreenTabs';
import './styles/app.css';

export function App() {
  const fatal = useUiStore((s) => s.fatal);
  const screen = useViewerStore((s) => s.screen);
  if (fatal) return <PodScreen />;
  return (
    <div className="app-frame">
      <ScreenTabs />
      <div className="app-screen">{screen === 'packets' ? <PacketViewer /> : <PodScreen />}</div>
    </div>
  );
}

function PodScreen() {
  const fatal = useUiStore((s) => s.fatal);
  const contexts = useContextsStore((s) => s.contexts);
  const loadError = useContextsStore((s) => s.loadError);
  const selected = useContextsStore((s) => s.selected);

  if (fatal) {
    const title =
      fatal.code === 'UNAUTHORIZED' ? 'This page is not connected' : 'Cannot reach the app’s core';
    return <FullPageError title={title} error={fatal} />;
  }
  if (loadError) return <FullPageError title="Cannot read your kubeconfig" error={loadError} />;
  if (!contexts) return <Splash text="Reading your kubeconfig…" />;
  if (contexts.error && contexts.contexts.length === 0) {
    const title =
      contexts.error.code === 'KUBECONFIG_NOT_FOUND'
        ? 'No kubeconfig found'
        : 'Your kubeconfig could not be read';
    return <FullPageError title={title} error={contexts.error} contexts={contexts} />;
  }
  if (!selected) return <NoUsableContext contexts={contexts} />;
  return <PodBrowser />;
}
