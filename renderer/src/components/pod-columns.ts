// The pod table's columns, in order; widths are one CSS grid template shared by header and rows.
import type { SortColumn } from '../pods/sort';

export interface PodColumn {
  id: SortColumn;
  label: string;
  align?: 'right';
  title: string;
}

export const POD_COLUMNS: readonly PodColumn[] = [
  { id: 'name', label: 'Name', title: 'Pod name' },
  { id: 'namespace', label: 'Namespace', title: 'Namespace' },
  { id: 'status', label: 'Status', title: 'Status as kubectl shows it (reason, not only phase)' },
  { id: 'ready', label: 'Ready', align: 'right', title: 'Ready containers / containers' },
  {
    id: 'restarts',
    label: 'Restarts',
    align: 'right',
    title: 'Container restarts (and when the last one was)',
  },
  { id: 'age', label: 'Age', align: 'right', title: 'Time since the pod was created' },
  { id: 'node', label: 'Node', title: 'Node the pod runs on' },
  { id: 'ip', label: 'Pod IP', title: 'Pod IP (host: the pod uses the node network)' },
];
