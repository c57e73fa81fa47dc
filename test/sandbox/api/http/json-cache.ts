// Stored objects are immutable, so each one is serialized once however many lists and watches
// carry it (a 50,000-pod list is then mostly string concatenation).
const cache = new WeakMap<object, string>();

export function toJson(obj: object): string {
  let text = cache.get(obj);
  if (text === undefined) {
    text = JSON.stringify(obj);
    cache.set(obj, text);
  }
  return text;
}
