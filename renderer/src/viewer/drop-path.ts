// What a drop onto the viewer can tell us: a path or a file:// URI given as text. (A file dragged
// from a file manager into a web page shows its name only, never where it lives.)
/** A dropped text: a plain absolute path, or the first file:// URI of a uri-list. */
export function pathFromDrop(uriList: string, text: string): string | undefined {
  const uri = uriList.split(/\r?\n/).find((l) => l.startsWith('file://'));
  if (uri) return decodeURIComponent(new URL(uri).pathname);
  const t = text.trim();
  if (t.startsWith('file://')) return decodeURIComponent(new URL(t).pathname);
  return t.startsWith('/') ? t : undefined;
}
