// The writers: files tshark and capinfos read back as we meant them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../main/packets/write/pcapng-writer';
import { PcapWriter } from '../../main/packets/write/pcap-writer';
import { must, readFixture } from './packets-helpers';

const tmp = () => mkdtempSync(join(tmpdir(), 'snoopy-writer-'));
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe('capture writers', () => {
  it('writes a merged pcapng with one named interface per pod, comments included, that tshark reads', () => {
    const http = readFixture('http.pcap').records;
    const any = readFixture('any.pcap').records;
    const chunks: Uint8Array[] = [];
    const w = new PcapngWriter((c) => chunks.push(c), {
      application: 'snoopy',
      comments: ['session 42'],
    });
    const web = w.addInterface({
      linkType: 1,
      name: 'shop/web-7d9f',
      description: 'pod shop/web-7d9f eth0',
    });
    const db = w.addInterface({
      linkType: 276,
      name: 'shop/db-0',
      description: 'pod shop/db-0 any',
      resolution: 'ns',
    });
    w.write({ ...must(http[0]), interfaceId: web, comments: ['first'] });
    w.write({ ...must(any[0]), interfaceId: db });
    w.write({ ...must(http[1]), interfaceId: web });
    w.flush();
    const file = join(tmp(), 'merged.pcapng');
    writeFileSync(file, Buffer.concat(chunks));

    const rows = run('tshark', [
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'frame.interface_name',
      '-e',
      'frame.interface_description',
      '-e',
      'frame.comment',
      '-e',
      'frame.time_epoch',
      '-e',
      'frame.protocols',
    ])
      .trim()
      .split('\n');
    expect(rows.map((r) => r.split('|').slice(0, 3))).toEqual([
      ['shop/web-7d9f', 'pod shop/web-7d9f eth0', 'first'],
      ['shop/db-0', 'pod shop/db-0 any', ''],
      ['shop/web-7d9f', 'pod shop/web-7d9f eth0', ''],
    ]);
    expect(rows[1]?.split('|')[3]).toBe(
      `${any[0]?.tsSec}.${String(any[0]?.tsNsec).padStart(9, '0')}`,
    );
    expect(rows[1]?.split('|')[4]).toMatch(/^sll:ethertype:ip/);
    const info = run('capinfos', ['-c', '-M', '-I', file]);
    expect(info).toMatch(/Number of packets:\s+3/);
    expect(info).toMatch(/Number of interfaces in file: 2/);
  });

  it('writes classic pcap, µs and ns, either byte order, that tshark reads packet for packet', () => {
    const records = readFixture('dns.pcap').records;
    for (const [littleEndian, nanosecond] of [
      [true, false],
      [false, true],
    ] as const) {
      const chunks: Uint8Array[] = [];
      const w = new PcapWriter((c) => chunks.push(c), { linkType: 1, littleEndian, nanosecond });
      for (const r of records) w.write(r);
      w.flush();
      const file = join(tmp(), 'out.pcap');
      writeFileSync(file, Buffer.concat(chunks));
      const names = run('tshark', ['-r', file, '-T', 'fields', '-e', 'dns.qry.name'])
        .trim()
        .split('\n');
      expect(names).toHaveLength(records.length);
      expect(names[0]).toBe('web.shop.svc.cluster.local');
    }
  });
});
