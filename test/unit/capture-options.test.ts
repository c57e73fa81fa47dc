// Small pieces of capture sessions: tcpdump argv, CLI durations and progress lines, Wireshark
// discovery, and the on-disk rules (owner-only files, disk-full error).
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureMethods, captureProgressSchema } from '../../main/api/contract/capture';
import { captureArgv } from '../../main/capture/capture-script';
import {
  AppendFile,
  diskFullError,
  makeSessionFolder,
  sessionFolderName,
} from '../../main/capture/session-files';
import { tcpdumpArgs } from '../../main/capture/tcpdump-args';
import { findWireshark } from '../../main/capture/wireshark';
import { parseDuration, targetLine } from '../../main/cli/capture';

describe('capture options', () => {
  it('puts every user value in its own argv element, the filter last after --', () => {
    expect(
      tcpdumpArgs({ filter: '"; touch /tmp/pwned', interface: 'eth0', snaplen: 96, maxPackets: 5 }),
    ).toEqual(['-i', 'eth0', '-n', '-s', '96', '-c', '5', '--', '"; touch /tmp/pwned']);
    expect(tcpdumpArgs({})).toEqual(['-i', 'any', '-n']);
    expect(captureArgv('stream', ['id-1', '0', '10']).slice(3)).toEqual([
      'capture',
      'stream',
      'id-1',
      '0',
      '10',
    ]);
  });

  it('validates start input with the contract (interface names, selectors, limits)', () => {
    const input = captureMethods['capture.start'].input;
    expect(
      input.safeParse({
        context: 'c',
        targets: { kind: 'pods', pods: [{ namespace: 'shop', name: 'web' }] },
      }).success,
    ).toBe(true);
    expect(input.safeParse({ context: 'c', targets: { kind: 'pods', pods: [] } }).success).toBe(
      false,
    );
    expect(
      input.safeParse({
        context: 'c',
        targets: { kind: 'selector', namespace: 'shop', labelSelector: 'app=web' },
        options: { interface: 'eth0; reboot' },
      }).success,
    ).toBe(false);
    expect(captureProgressSchema.safeParse({}).success).toBe(false);
  });

  it('reads CLI durations and prints one line per target', () => {
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('90')).toBe(90);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
    const line = targetLine({
      namespace: 'shop',
      pod: 'web',
      node: 'n',
      state: 'capturing',
      packets: 3,
      bytes: 300,
      drops: 1,
      hostNetwork: true,
    });
    expect(line).toMatch(
      /shop\/web\s+capturing\s+3 packets\s+300 bytes\s+1 dropped\s+\[hostNetwork\]/,
    );
  });
});

describe('wireshark discovery', () => {
  it('finds wireshark on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    writeFileSync(join(dir, 'wireshark'), '#!/bin/sh\n');
    chmodSync(join(dir, 'wireshark'), 0o755);
    expect(findWireshark({ PATH: dir }, 'linux').command).toBe(join(dir, 'wireshark'));
  });

  it('says clearly when it is not installed, with the fix for the platform', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ws-'));
    expect(() => findWireshark({ PATH: empty }, 'darwin')).toThrow(
      expect.objectContaining({
        code: 'WIRESHARK_NOT_FOUND',
        fix: expect.stringMatching(/brew|wireshark.org/),
      }),
    );
    expect(() => findWireshark({ PATH: empty, ProgramFiles: empty }, 'win32')).toThrow(
      expect.objectContaining({ code: 'WIRESHARK_NOT_FOUND' }),
    );
  });
});

describe('session files', () => {
  it('creates the folder 0700 and files 0600, named by time and context', () => {
    const parent = join(mkdtempSync(join(tmpdir(), 'cap-')), 'captures');
    const name = sessionFolderName(new Date('2026-01-02T03:04:05.678Z'), 'kind/dev:1');
    expect(name).toBe('2026-01-02T03-04-05-678Z-kind_dev_1');
    const folder = makeSessionFolder(parent, name);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const f = new AppendFile(join(folder, 'shop_web.pcap'));
    f.write(Uint8Array.of(1, 2, 3));
    f.close();
    expect(statSync(f.path).mode & 0o777).toBe(0o600);
    expect(f.written).toBe(3);
    mkdirSync(join(parent, 'x'));
    expect(diskFullError(folder, new Error('ENOSPC')).code).toBe('DISK_FULL');
  });
});
