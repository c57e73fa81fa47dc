// Objects of one resource, indexed by namespace ("" for cluster-scoped) then name. Stored objects
// are never mutated: every change stores a new object, so serialized JSON can be cached per object.
import type { KubeObject, WatchEventType, WatchLog } from './watch-log';

export class ObjectStore<T extends KubeObject> {
  private readonly byNamespace = new Map<string, Map<string, T>>();
  /** Sorted names per namespace, rebuilt lazily: lists come out in etcd key order. */
  private readonly sortedNames = new Map<string, string[]>();
  private sortedNamespaces: string[] | undefined;
  private total = 0;

  constructor(
    readonly resource: string,
    private readonly log: WatchLog,
  ) {}

  get size(): number {
    return this.total;
  }

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Objects in key order (namespace, then name); all namespaces when `namespace` is undefined. */
  list(namespace?: string): T[] {
    const namespaces = namespace === undefined ? this.namespaces() : [namespace];
    const out: T[] = [];
    for (const ns of namespaces) {
      const objects = this.byNamespace.get(ns);
      if (!objects) continue;
      for (const name of this.names(ns, objects)) {
        const obj = objects.get(name);
        if (obj) out.push(obj);
      }
    }
    return out;
  }

  countIn(namespace: string): number {
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  /** Store a new version: assigns the next resourceVersion and tells the watchers. */
  put(obj: T): T {
    const ns = obj.metadata.namespace ?? '';
    let objects = this.byNamespace.get(ns);
    if (!objects) {
      objects = new Map();
      this.byNamespace.set(ns, objects);
      this.sortedNamespaces = undefined;
    }
    const prev = objects.get(obj.metadata.name);
    const rv = this.log.nextRv();
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    objects.set(obj.metadata.name, stored);
    if (!prev) {
      this.total++;
      this.sortedNames.delete(ns);
    }
    const type: WatchEventType = prev ? 'MODIFIED' : 'ADDED';
    this.log.append(
      this.resource,
      prev ? { rv, type, object: stored, prev } : { rv, type, object: stored },
    );
    return stored;
  }

  remove(namespace: string, name: string): T | undefined {
    const objects = this.byNamespace.get(namespace);
    const prev = objects?.get(name);
    if (!objects || !prev) return undefined;
    objects.delete(name);
    this.total--;
    this.sortedNames.delete(namespace);
    const rv = this.log.nextRv();
    const gone = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rv) } };
    this.log.append(this.resource, { rv, type: 'DELETED', object: gone, prev });
    return gone;
  }

  private namespaces(): string[] {
    this.sortedNamespaces ??= [...this.byNamespace.keys()].sort();
    return this.sortedNamespaces;
  }

  private names(ns: string, objects: Map<string, T>): string[] {
    let names = this.sortedNames.get(ns);
    if (!names) {
      names = [...objects.keys()].sort();
      this.sortedNames.set(ns, names);
    }
    return names;
  }
}
