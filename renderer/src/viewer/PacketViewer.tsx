// The packet viewer screen: File › Open and the filter bar on top, then the tabs (Packets,
// Conversations, DNS); Packets is Wireshark's three panes: list, detail tree, bytes.
import { useState } from 'react';
import { ErrorView } from '../components/ErrorView';
import { useViewerStore, type ViewerTab } from '../stores/viewer-store';
import { showTab } from './actions';
import { DetailTree } from './DetailTree';
import { FilterBar } from './FilterBar';
import { ConversationsTable, DnsTable } from './FlowTables';
import { FollowDialog } from './FollowDialog';
import { HexView } from './HexView';
import { OpenBar, useDropToOpen } from './OpenBar';
import { PacketTable } from './PacketTable';
import './viewer.css';

const TABS: { id: ViewerTab; title: string }[] = [
  { id: 'packets', title: 'Packets' },
  { id: 'conversations', title: 'Conversations' },
  { id: 'dns', title: 'DNS' },
];

function StatusBar() {
  const file = useViewerStore((s) => s.file);
  const shown = useViewerStore((s) => s.shown);
  const applied = useViewerStore((s) => s.appliedFilter);
  const filterMs = useViewerStore((s) => s.filterMs);
  if (!file) return <div className="pv-status dim">No capture open.</div>;
  return (
    <div className="pv-status" data-testid="packet-status">
      <span className="mono">{file.path}</span>
      <span>{file.format}</span>
      <span>
        Packets: {file.count.toLocaleString()}
        {applied
          ? ` · Displayed: ${shown.toLocaleString()} (${(filterMs ?? 0).toFixed(0)} ms)`
          : ''}
      </span>
      {file.interfaces.filter(Boolean).length > 1 && (
        <span>{file.interfaces.length} interfaces</span>
      )}
    </div>
  );
}

export function PacketViewer() {
  const tab = useViewerStore((s) => s.tab);
  const file = useViewerStore((s) => s.file);
  const openError = useViewerStore((s) => s.openError);
  const [path, setPath] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const drop = useDropToOpen(setPath, setHint);
  return (
    <div className="pv" {...drop}>
      <div className="pv-bar">
        <OpenBar path={path} setPath={setPath} hint={hint} />
        <FilterBar />
      </div>
      {openError && (
        <div className="pv-error">
          <ErrorView error={openError} variant="inline" title="Cannot open this capture" />
        </div>
      )}
      <div className="pv-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : undefined}
            disabled={!file && t.id !== 'packets'}
            onClick={() => void showTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      {tab === 'packets' && (
        <div className="pv-panes">
          <PacketTable />
          <div className="pv-lower">
            <DetailTree />
            <HexView />
          </div>
        </div>
      )}
      {tab === 'conversations' && <ConversationsTable />}
      {tab === 'dns' && <DnsTable />}
      <StatusBar />
      <FollowDialog />
    </div>
  );
}
