import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ContainerLogWriter,
  maxLogLineBytes,
  readContainerLog,
} from '../sandbox/runtime/container-logs';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

const request = { container: 'c', follow: false, previous: false, timestamps: false };

describe('container logs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-logs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('splits output without newlines into partial entries instead of buffering it whole', async () => {
    const path = join(dir, '0.log');
    const writer = new ContainerLogWriter(path);
    const out = new PassThrough();
    writer.attach(out, 'stdout');
    const long = 'x'.repeat(maxLogLineBytes * 2 + 10);
    out.end(`${long}\ntail`);
    await writer.closed;
    const tags = (await readFile(path, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[2]);
    expect(tags).toEqual(['P', 'P', 'F', 'P']);
    // Reassembled by the reader exactly as written.
    expect(await readAll(readContainerLog(path, request, undefined))).toBe(`${long}\ntail`);
    expect(await readAll(readContainerLog(path, { ...request, tailLines: 1 }, undefined))).toBe(
      'tail',
    );
  });

  it('reads a log larger than its read chunk to the end, and the tail of it', async () => {
    const path = join(dir, '0.log');
    const writer = new ContainerLogWriter(path);
    const out = new PassThrough();
    writer.attach(out, 'stdout');
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i} ${'y'.repeat(40)}\n`);
    out.end(lines.join(''));
    await writer.closed;
    expect(await readAll(readContainerLog(path, request, undefined))).toBe(lines.join(''));
    expect(await readAll(readContainerLog(path, { ...request, tailLines: 2 }, undefined))).toBe(
      lines.slice(-2).join(''),
    );
  });
});
