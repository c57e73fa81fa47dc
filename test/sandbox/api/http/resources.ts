// The resources this server serves, with what discovery says about them and which fields their
// field selectors support.
import type { Pod, Service } from '../../contracts';
import type { ClusterState, NamespaceObject } from '../store/cluster-state';
import type { EventObject } from '../store/event-recorder';
import type { FieldGetter } from '../store/field-selector';
import type { NodeObject } from '../store/node-object';
import type { ObjectStore } from '../store/object-store';
import type { KubeObject } from '../store/watch-log';

export interface ResourceDef {
  name: string;
  singularName: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  store(state: ClusterState): ObjectStore<KubeObject>;
  fields: Record<string, FieldGetter<KubeObject>>;
}

const meta: Record<string, FieldGetter<KubeObject>> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};
const as =
  <T>(get: (o: T) => string | undefined): FieldGetter<KubeObject> =>
  (o) =>
    get(o as unknown as T) ?? '';
const allVerbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export const resources: ResourceDef[] = [
  {
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    listKind: 'EventList',
    namespaced: true,
    verbs: ['get', 'list', 'watch'],
    shortNames: ['ev'],
    store: (s) => s.events,
    fields: {
      ...meta,
      'involvedObject.kind': as<EventObject>((e) => e.involvedObject.kind),
      'involvedObject.namespace': as<EventObject>((e) => e.involvedObject.namespace),
      'involvedObject.name': as<EventObject>((e) => e.involvedObject.name),
      'involvedObject.uid': as<EventObject>((e) => e.involvedObject.uid),
      'involvedObject.apiVersion': as<EventObject>((e) => e.involvedObject.apiVersion),
      'involvedObject.resourceVersion': as<EventObject>((e) => e.involvedObject.resourceVersion),
      'involvedObject.fieldPath': as<EventObject>((e) => e.involvedObject.fieldPath),
      reason: as<EventObject>((e) => e.reason),
      reportingComponent: as<EventObject>((e) => e.reportingComponent),
      source: as<EventObject>((e) => e.source.component),
      type: as<EventObject>((e) => e.type),
    },
  },
  {
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    store: (s) => s.namespaces,
    fields: {
      'metadata.name': meta['metadata.name'] as FieldGetter<KubeObject>,
      'status.phase': as<NamespaceObject>((n) => n.status.phase),
    },
  },
  {
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    listKind: 'NodeList',
    namespaced: false,
    verbs: ['get', 'list', 'watch'],
    shortNames: ['no'],
    store: (s) => s.nodes,
    fields: {
      'metadata.name': meta['metadata.name'] as FieldGetter<KubeObject>,
      'spec.unschedulable': as<NodeObject>((n) => String(n.spec.unschedulable ?? false)),
    },
  },
  {
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    listKind: 'PodList',
    namespaced: true,
    verbs: allVerbs.filter((v) => v !== 'deletecollection'),
    shortNames: ['po'],
    categories: ['all'],
    store: (s) => s.pods,
    fields: {
      ...meta,
      'spec.nodeName': as<Pod>((p) => p.spec.nodeName),
      'spec.restartPolicy': as<Pod>((p) => p.spec.restartPolicy),
      'spec.schedulerName': as<Pod>((p) => (p.spec as { schedulerName?: string }).schedulerName),
      'spec.serviceAccountName': as<Pod>((p) => p.spec.serviceAccountName),
      'spec.hostNetwork': as<Pod>((p) => String(p.spec.hostNetwork ?? false)),
      'status.phase': as<Pod>((p) => p.status.phase),
      'status.podIP': as<Pod>((p) => p.status.podIP),
      'status.nominatedNodeName': as<Pod>(
        (p) => (p.status as { nominatedNodeName?: string }).nominatedNodeName,
      ),
    },
  },
  {
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    listKind: 'ServiceList',
    namespaced: true,
    verbs: ['create', 'delete', 'get', 'list', 'watch'],
    shortNames: ['svc'],
    categories: ['all'],
    store: (s) => s.services,
    fields: {
      ...meta,
      'spec.clusterIP': as<Service>((s) => s.spec.clusterIP),
      'spec.type': as<Service>((s) => s.spec.type),
    },
  },
];

export const resourceByName = new Map(resources.map((r) => [r.name, r]));

/** Subresources listed in discovery (name, kind, verbs). */
export const subresources = [
  { name: 'namespaces/status', kind: 'Namespace', verbs: ['get'], namespaced: false },
  { name: 'nodes/status', kind: 'Node', verbs: ['get'], namespaced: false },
  { name: 'pods/exec', kind: 'PodExecOptions', verbs: ['create', 'get'], namespaced: true },
  { name: 'pods/log', kind: 'Pod', verbs: ['get'], namespaced: true },
  { name: 'pods/status', kind: 'Pod', verbs: ['get'], namespaced: true },
  { name: 'services/status', kind: 'Service', verbs: ['get'], namespaced: true },
];
