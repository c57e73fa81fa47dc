// HTTP/1.x over TCP: request or status line and headers of a segment. No reassembly: a
// segment that does not start a message is shown as "Continuation", like tshark without
// TCP desegmentation.
import type { Dissector } from './registry';
import { ascii } from './format';

/** Wireshark's default HTTP TCP ports (SSDP's 1900 is UDP and left out). */
const PORTS = [80, 3128, 3132, 5985, 8080, 8088, 11371, 2869, 2710];
const METHODS = new Set([
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'TRACE',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'PRI',
]);
const HEADER_FIELDS: Record<string, string> = {
  host: 'http.host',
  'user-agent': 'http.user_agent',
  'content-type': 'http.content_type',
  'content-length': 'http.content_length_header',
  server: 'http.server',
  location: 'http.location',
  connection: 'http.connection',
  'transfer-encoding': 'http.transfer_encoding',
  authorization: 'http.authorization',
  cookie: 'http.cookie',
  referer: 'http.referer',
  accept: 'http.accept',
};
const MAX_LINE = 8192;

export const http: Dissector = {
  name: 'http',
  registers: PORTS.map((key) => ({ table: 'tcp.port' as const, key })),
  fields: [
    { name: 'http', type: 'protocol', label: 'Hypertext Transfer Protocol' },
    { name: 'http.request', type: 'bool', label: 'Request' },
    { name: 'http.response', type: 'bool', label: 'Response' },
    { name: 'http.request.method', type: 'string', label: 'Request Method' },
    { name: 'http.request.uri', type: 'string', label: 'Request URI' },
    { name: 'http.request.version', type: 'string', label: 'Request Version' },
    { name: 'http.response.version', type: 'string', label: 'Response Version' },
    { name: 'http.response.code', type: 'uint', label: 'Status Code' },
    { name: 'http.response.phrase', type: 'string', label: 'Response Phrase' },
    ...Object.values(HEADER_FIELDS).map((name) => ({
      name,
      type: 'string' as const,
      label: name.slice(5),
    })),
  ],
  dissect(pkt, b, start, end) {
    const t = pkt.layer('http', 'Hypertext Transfer Protocol', start, end - start);
    const firstEnd = lineEnd(b, start, end);
    const first = firstEnd < 0 ? '' : ascii(b, start, firstEnd);
    const request = /^([A-Z-]+) (\S+) (HTTP\/\d\.\d)$/.exec(first);
    const response = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(first);
    if (request && METHODS.has(request[1] ?? '')) {
      const method = request[1] ?? '';
      const uri = request[2] ?? '';
      const version = request[3] ?? '';
      pkt.field('http.request', true);
      pkt.field('http.request.method', method);
      pkt.field('http.request.uri', uri);
      pkt.field('http.request.version', version);
      pkt.add(t, `${first}\\r\\n`, start, firstEnd + 2 - start, 'http.request.line');
      pkt.setColumns('HTTP', `${method} ${uri} ${version} `);
    } else if (response) {
      const version = response[1] ?? '';
      const code = response[2] ?? '';
      const phrase = response[3] ?? '';
      pkt.field('http.response', true);
      pkt.field('http.response.version', version);
      pkt.field('http.response.code', Number(code));
      pkt.field('http.response.phrase', phrase);
      pkt.add(t, `${first}\\r\\n`, start, firstEnd + 2 - start, 'http.response.line');
      pkt.setColumns('HTTP', `${version} ${code} ${phrase} `);
    } else {
      pkt.add(t, `File Data: ${end - start} bytes`, start, end - start);
      pkt.setColumns('HTTP', 'Continuation');
      return undefined;
    }
    let o = firstEnd + 2;
    let contentType: string | undefined;
    while (o < end) {
      const e = lineEnd(b, o, end);
      if (e < 0) break;
      if (e === o) {
        pkt.add(t, '\\r\\n', o, 2);
        o += 2;
        break;
      }
      const line = ascii(b, o, e);
      const colon = line.indexOf(':');
      if (colon > 0) {
        const field = HEADER_FIELDS[line.slice(0, colon).toLowerCase()];
        const value = line.slice(colon + 1).trim();
        if (field) pkt.field(field, value);
        if (field === 'http.content_type') contentType = value;
        pkt.add(t, `${line}\\r\\n`, o, e + 2 - o, field);
      }
      o = e + 2;
    }
    if (o < end) {
      pkt.add(t, `File Data: ${end - o} bytes`, o, end - o, 'http.file_data');
      if (contentType !== undefined) pkt.setInfo(`${pkt.info} (${contentType.split(';')[0]})`);
    }
    return undefined;
  },
};

/** Index of the CR of the next CRLF, or -1 (also for lines longer than any sane header). */
function lineEnd(b: Uint8Array, from: number, end: number): number {
  const limit = Math.min(end - 1, from + MAX_LINE);
  for (let i = from; i < limit; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}
