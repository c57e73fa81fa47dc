// The main window: bars on top, the table, the details panel on the right, the captures
// panel below, and the capture dialog over it all when open.
import { CaptureDialog } from '../capture/CaptureDialog';
import { SessionsPanel } from '../capture/SessionsPanel';
import { DetailsPanel } from '../details/DetailsPanel';
import { useCaptureStore } from '../stores/capture-store';
import { useDetailsStore } from '../stores/details-store';
import { useUiStore } from '../stores/ui-store';
import { ConnectionBar } from './ConnectionBar';
import { PodTable } from './PodTable';
import { ResizeHandle } from './ResizeHandle';
import { Toolbar } from './Toolbar';
import { TopBar } from './TopBar';
import { WatchErrorBanner } from './WatchErrorBanner';

export function PodBrowser() {
  const detailsOpen = useDetailsStore((s) => s.open && !!s.uid);
  const width = useUiStore((s) => s.detailsWidth);
  const capturesOpen = useCaptureStore((s) => s.panelOpen);
  return (
    <div className="app">
      <ConnectionBar />
      <TopBar />
      <Toolbar />
      <div className="workspace">
        <div className="table-area">
          <WatchErrorBanner />
          <PodTable />
        </div>
        {detailsOpen && (
          <>
            <ResizeHandle />
            <DetailsPanel width={width} />
          </>
        )}
      </div>
      {capturesOpen && <SessionsPanel />}
      <CaptureDialog />
    </div>
  );
}
