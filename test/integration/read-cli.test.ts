// `snoopy read` against real tshark on the fixture captures: the same packet count, the same
// count under a display filter, JSON that parses, and invalid filters exit 2 with a caret.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = resolve('test/fixtures/pcap');
const FILES = readdirSync(DIR).filter((f) => /\.pcap(ng)?$/.test(f));

function tsharkLines(file: string, filter?: string): number {
  const args = ['-r', file, ...(filter ? ['-Y', filter] : [])];
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

function snoopy(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['main/snoopy.mjs', 'read', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('snoopy read', () => {
  it.each(FILES)('prints as many summary lines as tshark -r for %s', (name) => {
    const file = `${DIR}/${name}`;
    const r = snoopy(file);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).length).toBe(tsharkLines(file));
  });

  it.each(FILES)("keeps as many packets as tshark -Y 'dns' for %s", (name) => {
    const file = `${DIR}/${name}`;
    const r = snoopy(file, '-Y', 'dns');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).length).toBe(tsharkLines(file, 'dns'));
  });

  it('prints summary lines in tshark -r layout', () => {
    const file = `${DIR}/lo-ping.pcap`;
    const expected = execFileSync('tshark', ['-r', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(snoopy(file).stdout).toBe(expected);
  });

  // (Not `-Y http`: the core marks the HTTP header segment, tshark the reassembled PDU's last one.)
  it('prints one JSON object per packet with --json', () => {
    const r = snoopy(`${DIR}/dns.pcap`, '--json', '-Y', 'dns');
    const packets = lines(r.stdout).map(
      (l) => JSON.parse(l) as { number: number; protocol: string },
    );
    expect(packets.length).toBe(tsharkLines(`${DIR}/dns.pcap`, 'dns'));
    expect(packets.every((p) => p.protocol === 'DNS' && p.number > 0)).toBe(true);
  });

  it('explains an invalid filter with a caret at its position and exits 2', () => {
    const r = snoopy(`${DIR}/http.pcap`, '-Y', 'tcp.prot == 80');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [message, text, caret] = lines(r.stderr);
    expect(message).toMatch(/invalid display filter/);
    expect(text).toBe('  tcp.prot == 80');
    expect(caret).toBe('  ^^^^^^^^');
  });

  it('says what is wrong with a file that is not a capture', () => {
    const r = snoopy(resolve('package.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a capture file/);
    expect(snoopy('/no/such/file.pcap').stderr).toMatch(/NOT_FOUND: no such file/);
  });
});
