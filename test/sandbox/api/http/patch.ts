// PATCH bodies: JSON merge patch (kubectl label/annotate), strategic merge patch (kubectl apply;
// lists of named objects merge by key, `$patch`/`$setElementOrder`/`$retainKeys` directives are
// honoured or dropped) and JSON patch.
import { errors } from '../status';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** A JSON object without `key` (patches never mutate their input). */
const without = (o: JsonObject, key: string): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  let out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out = without(out, k);
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/** Merge keys of the lists kubectl apply meets in pods (others are replaced whole). */
const mergeKeys: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
};

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch['$patch'] === 'delete') return null;
  let out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const list = k.slice('$deleteFromPrimitiveList/'.length);
      const current = out[list];
      if (Array.isArray(current) && Array.isArray(v))
        out[list] = current.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      out = without(out, k);
      continue;
    }
    const key = mergeKeys[k];
    const current = out[k];
    if (key && Array.isArray(v) && (Array.isArray(current) || current === undefined)) {
      out[k] = mergeList(current ?? [], v, key);
    } else out[k] = strategicMergePatch(current ?? null, v);
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], key: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = out.findIndex((c) => isObject(c) && c[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = strategicMergePatch(out[index] ?? null, item);
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, x]) => [k, stripDirectives(x)]),
  );
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const op of ops) {
    if (!isObject(op) || typeof op['path'] !== 'string')
      throw errors.badRequest('invalid JSON patch operation');
    const path = op['path']
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    const kind = op['op'];
    if (kind === 'test') {
      if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op['value']))
        throw errors.invalid('Patch', '', [
          { field: op['path'], type: 'FieldValueInvalid', detail: 'test failed' },
        ]);
      continue;
    }
    if (kind === 'add' || kind === 'replace')
      doc = setAt(doc, path, op['value'] ?? null, kind === 'add');
    else if (kind === 'remove') doc = setAt(doc, path, undefined, false);
    else throw errors.badRequest(`Unexpected kind: ${String(kind)}`);
  }
  return doc;
}

function getAt(doc: Json, path: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const p of path)
    cur = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
  return cur;
}

function setAt(doc: Json, path: string[], value: Json | undefined, insert: boolean): Json {
  if (!path.length) return value ?? null;
  const [head = '', ...rest] = path;
  if (Array.isArray(doc)) {
    const copy = [...doc];
    const index = head === '-' ? copy.length : Number(head);
    if (!rest.length) {
      if (value === undefined) copy.splice(index, 1);
      else if (insert) copy.splice(index, 0, value);
      else copy[index] = value;
    } else copy[index] = setAt(copy[index] ?? null, rest, value, insert);
    return copy;
  }
  const copy: JsonObject = isObject(doc) ? { ...doc } : {};
  if (!rest.length) return value === undefined ? without(copy, head) : { ...copy, [head]: value };
  copy[head] = setAt(copy[head] ?? null, rest, value, insert);
  return copy;
}

/** Applies a PATCH body by its Content-Type. */
export function applyPatch(
  target: object,
  contentType: string,
  body: string,
): Record<string, unknown> {
  let patch: Json;
  try {
    patch = JSON.parse(body) as Json;
  } catch {
    throw errors.badRequest('error decoding patch: invalid JSON');
  }
  const type = contentType.split(';')[0]?.trim() ?? '';
  const doc = target as Json;
  let result: Json;
  if (type === 'application/merge-patch+json') result = mergePatch(doc, patch);
  else if (type === 'application/strategic-merge-patch+json')
    result = strategicMergePatch(doc, patch);
  else if (type === 'application/json-patch+json') result = jsonPatch(doc, patch);
  else throw errors.unsupportedMediaType(type);
  if (!isObject(result)) throw errors.badRequest('patch did not produce an object');
  return result;
}
