// Typed client-go clients (kubectl auth can-i) send Kubernetes protobuf: the "k8s\0" envelope
// (runtime.Unknown) around the object's protobuf. This reads just enough of it to turn the small
// request objects we accept that way (access reviews) into the JSON shape the handlers use.
import { errors } from '../status';

type Fields = Map<number, Array<number | Buffer>>;

function readFields(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[pos++];
      if (byte === undefined) throw errors.badRequest('truncated protobuf');
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: number | Buffer;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) {
      value = 0;
      pos += 8;
    } else if (wire === 5) {
      value = 0;
      pos += 4;
    } else throw errors.badRequest(`unsupported protobuf wire type ${wire}`);
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

const bytesOf = (f: Fields, n: number): Buffer | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v : undefined;
};
const stringOf = (f: Fields, n: number): string | undefined => bytesOf(f, n)?.toString('utf8');

function stringsToObject(
  buf: Buffer | undefined,
  names: string[],
): Record<string, string> | undefined {
  if (!buf) return undefined;
  const f = readFields(buf);
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const v = stringOf(f, i + 1);
    if (v !== undefined) out[name] = v;
  });
  return out;
}

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/vnd.kubernetes.protobuf');
}

/** The envelope: type meta and the object's own fields. */
function unwrap(body: Buffer): { typeMeta: Record<string, string>; object: Fields } {
  if (!body.subarray(0, 4).equals(magic)) {
    throw errors.badRequest('the body of the request was not a Kubernetes protobuf message');
  }
  const unknown = readFields(body.subarray(4));
  const typeMeta = stringsToObject(bytesOf(unknown, 1), ['apiVersion', 'kind']) ?? {};
  return { typeMeta, object: readFields(bytesOf(unknown, 2) ?? Buffer.alloc(0)) };
}

function stringMap(
  entries: Array<number | Buffer> | undefined,
): Record<string, string> | undefined {
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const entry of entries) {
    if (!Buffer.isBuffer(entry)) continue;
    const f = readFields(entry);
    out[stringOf(f, 1) ?? ''] = stringOf(f, 2) ?? '';
  }
  return out;
}

/** The ObjectMeta fields a create may carry: name, generateName, namespace, labels, annotations. */
function objectMeta(buf: Buffer | undefined): Record<string, unknown> {
  const f = readFields(buf ?? Buffer.alloc(0));
  const meta: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value !== undefined && value !== '') meta[key] = value;
  };
  put('name', stringOf(f, 1));
  put('generateName', stringOf(f, 2));
  put('namespace', stringOf(f, 3));
  put('labels', stringMap(f.get(11)));
  put('annotations', stringMap(f.get(12)));
  return meta;
}

/** Decodes a Namespace sent as protobuf (`kubectl create namespace`): only its metadata matters. */
export function decodeNamespace(body: Buffer): Record<string, unknown> {
  const { typeMeta, object } = unwrap(body);
  return { ...typeMeta, metadata: objectMeta(bytesOf(object, 1)) };
}

/** Decodes a SelfSubjectAccessReview or SelfSubjectRulesReview sent as protobuf. */
export function decodeReview(body: Buffer): Record<string, unknown> {
  const { typeMeta, object } = unwrap(body);
  const spec = readFields(bytesOf(object, 2) ?? Buffer.alloc(0));
  if (typeMeta['kind'] === 'SelfSubjectRulesReview') {
    return { ...typeMeta, spec: { namespace: stringOf(spec, 1) ?? '' } };
  }
  const resourceAttributes = stringsToObject(bytesOf(spec, 1), [
    'namespace',
    'verb',
    'group',
    'version',
    'resource',
    'subresource',
    'name',
  ]);
  const nonResourceAttributes = stringsToObject(bytesOf(spec, 2), ['path', 'verb']);
  return {
    ...typeMeta,
    spec: {
      ...(resourceAttributes ? { resourceAttributes } : {}),
      ...(nonResourceAttributes ? { nonResourceAttributes } : {}),
    },
  };
}
