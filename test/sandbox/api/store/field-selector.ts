// Field selectors: comma-separated field=value / field==value / field!=value terms over the fields
// each resource supports; an unsupported field is a 400 as from the real server.
import { errors } from '../status';

export type FieldGetter<T> = (obj: T) => string;
export type FieldSelector<T> = (obj: T) => boolean;

export function parseFieldSelector<T>(
  text: string | undefined,
  fields: Record<string, FieldGetter<T>>,
): FieldSelector<T> {
  if (!text || !text.trim()) return () => true;
  const terms = text.split(',').map((term) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = m;
    const get = fields[field];
    if (!get) throw errors.badRequest(`field label not supported: ${field}`);
    return { get, negate: op === '!=', value };
  });
  return (obj) => terms.every((t) => (t.get(obj) === t.value) !== t.negate);
}
