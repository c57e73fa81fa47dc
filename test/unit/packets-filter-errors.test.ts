// Invalid filters come back as values with a message and the span to underline, so the
// filter bar can validate as the user types.
import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../main/packets/index/open-capture';
import { compileFilter } from '../../main/packets/filter/compile';
import { runFilter } from '../../main/packets/filter/run-filter';
import { parseFilter } from '../../main/packets/filter/parser';
import { fixture } from './packets-helpers';

const index = await openCaptureFile(fixture('merged.pcapng'));

function error(text: string) {
  const r = compileFilter(text, index);
  if (r.ok) throw new Error(`"${text}" compiled`);
  return r.error;
}

describe('display filter errors', () => {
  it('suggests the closest field for an unknown one, pointing at it', () => {
    const e = error('tcp.prot == 80');
    expect(e.message).toContain('"tcp.prot" is not a field');
    expect(e.message).toContain('Did you mean "tcp.port"?');
    expect([e.start, e.end]).toEqual([0, 8]);
  });

  it('refuses an operator the field type has no meaning for', () => {
    const e = error('tcp.port contains 80');
    expect(e.message).toMatch(/"contains" cannot be used with tcp.port, which is a number/);
    expect(error('ip.addr matches "10"').message).toMatch(/IPv4 address/);
  });

  it('reports an unterminated string from its opening quote', () => {
    const e = error('dns.qry.name == "shop');
    expect(e.message).toMatch(/unterminated string/);
    expect(e.start).toBe(16);
  });

  it('rejects values of the wrong kind with the value underlined', () => {
    const e = error('ip.addr == 10.0.0.300');
    expect(e.message).toMatch(/not an IPv4 address/);
    expect([e.start, e.end]).toEqual([11, 21]);
    expect(error('tcp.port == http').message).toMatch(/not a number/);
    expect(error('tcp.flags.syn == 2').message).toMatch(/1 or 0/);
  });

  it('explains unbalanced parentheses and missing joins', () => {
    expect(error('(tcp or udp').message).toMatch(/expected "\)" to close/);
    expect(error('tcp udp').message).toMatch(/join tests with "and" or "or"/);
    expect(error('tcp ==').message).toMatch(/expected a value/);
  });

  it('says a protocol is tested alone', () => {
    expect(error('tcp == 1').message).toMatch(/is a protocol/);
  });

  it('accepts the empty filter and the usual spellings', () => {
    expect(parseFilter('   ')).toEqual({ ok: true, node: undefined });
    for (const ok of [
      'ip.addr eq 10.0.0.1 and not tcp.port == 22',
      'tcp.port in {80, 443} || udp.port == 53',
      'frame.len >= 60 && frame.len <= 1500',
      'http.request.uri ~ "^/api"',
    ])
      expect(compileFilter(ok, index).ok, ok).toBe(true);
  });

  it('resolves pod and peer names (the app’s IP → namespace/name table)', async () => {
    index.peerNames = new Map([['10.250.0.2', 'shop/web-7d4b9']]);
    const byName = compileFilter('ip.addr == "shop/web-7d4b9"', index);
    const byIp = compileFilter('ip.addr == 10.250.0.2', index);
    if (!byName.ok || !byIp.ok) throw new Error('did not compile');
    expect((await runFilter(index, byName.filter)).matches).toEqual(
      (await runFilter(index, byIp.filter)).matches,
    );
    expect(error('ip.addr == "shop/nope"').message).toMatch(/known pod\/service name/);
    const pod = index.interfaces[0]?.name ?? '';
    const byPod = compileFilter(`pod == "${pod}"`, index);
    if (!byPod.ok) throw new Error(byPod.error.message);
    const n = (await runFilter(index, byPod.filter)).matches.length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(index.count);
  });
});
