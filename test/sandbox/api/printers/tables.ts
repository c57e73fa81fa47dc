// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for, with the real printers'
// columns for pods, namespaces, nodes, services and events (priority 1 = shown with -o wide).
import type { Pod, Service } from '../../contracts';
import type { NamespaceObject } from '../store/cluster-state';
import type { EventObject } from '../store/event-recorder';
import type { NodeObject } from '../store/node-object';
import type { KubeObject } from '../store/watch-log';
import { since } from './human-duration';
import { podRow } from './pod-row';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: Array<string | number>;
  conditions?: Array<{ type: string; status: string; reason: string; message: string }>;
  object?: unknown;
}

export interface Printer {
  columns: ColumnDefinition[];
  row(obj: KubeObject, now: Date): Omit<TableRow, 'object'>;
}

const col = (name: string, description: string, priority = 0, format = ''): ColumnDefinition => ({
  name,
  type: 'string',
  format,
  description,
  priority,
});
const nameColumn = col('Name', 'Name must be unique within a namespace.', 0, 'name');
const ageColumn = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);

const podPrinter: Printer = {
  columns: [
    nameColumn,
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    col('IP', 'podIP address allocated to the pod. Routable at least within the cluster.', 1),
    col('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
    col(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node.',
      1,
    ),
    col(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness.',
      1,
    ),
  ],
  row: (obj, now) => podRow(obj as Pod, now),
};

const namespacePrinter: Printer = {
  columns: [nameColumn, col('Status', 'The status of the namespace'), ageColumn],
  row: (obj, now) => {
    const ns = obj as NamespaceObject;
    return {
      cells: [ns.metadata.name, ns.status.phase, since(ns.metadata.creationTimestamp, now)],
    };
  },
};

function nodeRoles(labels: Record<string, string>): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const nodePrinter: Printer = {
  columns: [
    nameColumn,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageColumn,
    col('Version', 'Kubelet Version reported by the node.'),
    col(
      'Internal-IP',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    col(
      'External-IP',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ),
    col(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ),
    col(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    col(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1,
    ),
  ],
  row: (obj, now) => {
    const node = obj as NodeObject;
    const ready = node.status.conditions.find((c) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (node.spec.unschedulable) status.push('SchedulingDisabled');
    const address = (type: string): string =>
      node.status.addresses.find((a) => a.type === type)?.address ?? '<none>';
    const info = node.status.nodeInfo;
    return {
      cells: [
        node.metadata.name,
        status.join(','),
        nodeRoles(node.metadata.labels ?? {}),
        since(node.metadata.creationTimestamp, now),
        info['kubeletVersion'] ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info['osImage'] || '<unknown>',
        info['kernelVersion'] || '<unknown>',
        info['containerRuntimeVersion'] || '<unknown>',
      ],
    };
  },
};

const servicePrinter: Printer = {
  columns: [
    nameColumn,
    col('Type', 'The type of the service.'),
    col('Cluster-IP', 'The cluster-internal IP address of the service.'),
    col('External-IP', 'The external IP addresses of the service.'),
    col('Port(s)', 'The ports of the service.'),
    ageColumn,
    col(
      'Selector',
      'Route service traffic to pods with label keys and values matching this selector.',
      1,
    ),
  ],
  row: (obj, now) => {
    const svc = obj as Service;
    const ports =
      svc.spec.ports.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';
    const selector = Object.entries(svc.spec.selector ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      cells: [
        svc.metadata.name,
        svc.spec.type,
        svc.spec.clusterIP || '<none>',
        '<none>',
        ports,
        since(svc.metadata.creationTimestamp, now),
        selector || '<none>',
      ],
    };
  },
};

const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'The object that this event is about.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
      1,
    ),
    col(
      'Source',
      'The component reporting this event. Should be a short machine understandable string.',
      1,
    ),
    col('Message', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1,
    ),
    col('Count', 'The number of times this event has occurred.', 1),
    col('Name', 'Name must be unique within a namespace.', 1, 'name'),
  ],
  row: (obj, now) => {
    const ev = obj as EventObject;
    const first = since(ev.firstTimestamp, now);
    let last = since(ev.lastTimestamp, now);
    if (ev.count > 1) last = `${last} (x${ev.count} over ${first})`;
    const source = ev.source.host
      ? `${ev.source.component}, ${ev.source.host}`
      : ev.source.component;
    return {
      cells: [
        last,
        ev.type,
        ev.reason,
        `${ev.involvedObject.kind.toLowerCase()}/${ev.involvedObject.name}`,
        ev.involvedObject.fieldPath ?? '',
        source,
        ev.message.trim(),
        first,
        ev.count,
        ev.metadata.name,
      ],
    };
  },
};

const defaultPrinter: Printer = {
  columns: [
    nameColumn,
    col(
      'Created At',
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
      0,
      'date',
    ),
  ],
  row: (obj) => ({ cells: [obj.metadata.name, obj.metadata.creationTimestamp] }),
};

const printers: Record<string, Printer> = {
  pods: podPrinter,
  namespaces: namespacePrinter,
  nodes: nodePrinter,
  services: servicePrinter,
  events: eventPrinter,
};

export function printerFor(resource: string): Printer {
  return printers[resource] ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableRow(
  printer: Printer,
  obj: KubeObject,
  now: Date,
  include: IncludeObject,
): TableRow {
  const row: TableRow = printer.row(obj, now);
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata')
    row.object = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: obj.metadata,
    };
  return row;
}

export function table(
  printer: Printer,
  rows: TableRow[],
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns,
    rows,
  };
}
