// Capturing by label selector, pods going away mid-capture, and "Live in Wireshark" with
// `tshark -i -` standing in for Wireshark on the same pipe.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureProgress } from '../../main/api/contract/capture';
import { createCaptureService, type CaptureService } from '../../main/capture/handlers';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods } from './helpers/agent-manager';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
let folder: string;
const services: CaptureService[] = [];
const connection = { id: 'test', emit: () => undefined, onClose: () => undefined };

beforeAll(async () => {
  sandbox = await startSandbox();
  folder = await mkdtemp(join(tmpdir(), 'snoopy-capture-follow-'));
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  await expectNoAgentPods(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

function service(options: Parameters<typeof createCaptureService>[0] = {}): CaptureService {
  const s = createCaptureService({
    kubeconfig: sandbox.kubeconfigPath,
    capturesFolder: folder,
    podWatch: { backoffInitialMs: 100 } as never,
    ...options,
  });
  services.push(s);
  return s;
}

describe('capture by selector, live', () => {
  it('pipes the merged stream into `tshark -i -`, which decodes packets while the capture runs', async () => {
    let decoded = '';
    const s = service({
      liveConsumer: () => {
        const child = spawn(
          'tshark',
          ['-l', '-i', '-', '-T', 'fields', '-e', 'frame.interface_name', '-e', 'frame.protocols'],
          {
            stdio: ['pipe', 'pipe', 'ignore'],
          },
        );
        child.stdout.on('data', (d: Buffer) => (decoded += d.toString()));
        return child;
      },
    });
    const session = await s.start(
      {
        context: 'sandbox',
        targets: { kind: 'pods', pods: [{ namespace: 'shop', name: 'client-5f6c7-abcde' }] },
      },
      () => undefined,
    );
    await s.handlers['capture.liveInWireshark']({ sessionId: session.id }, connection);
    await waitUntil(
      'tshark decoding HTTP live',
      () => /shop\/client-5f6c7-abcde\t.*http/.test(decoded),
      40_000,
      100,
    );
    expect(session.running).toBe(true);
    await session.stop();
  });

  it('follows every pod of a selector and ends a deleted pod as done, keeping its packets', async () => {
    const events: CaptureProgress[] = [];
    const s = service();
    const session = await s.start(
      {
        context: 'sandbox',
        targets: { kind: 'selector', namespace: 'shop', labelSelector: 'app=web' },
      },
      (p) => events.push(p),
    );
    await waitUntil(
      'both web pods with packets',
      () =>
        session.progress().targets.length === 2 &&
        session.progress().targets.every((t) => t.packets > 0),
      40_000,
      100,
    );
    sandbox.cluster.deletePod('shop', 'web-7d4b9-q7m2p', 0);
    await waitUntil(
      'deleted pod done',
      () => session.progress().targets.find((t) => t.pod === 'web-7d4b9-q7m2p')?.state === 'done',
      30_000,
      100,
    );
    const gone = session.progress().targets.find((t) => t.pod === 'web-7d4b9-q7m2p');
    expect(gone?.note).toMatch(/deleted/);
    expect(gone?.packets).toBeGreaterThan(0);
    expect(session.progress().targets.find((t) => t.pod === 'web-7d4b9-x2x8k')?.state).toBe(
      'capturing',
    );
    const done = await session.stop();
    expect(done.state).toBe('stopped');
    expect(events.at(-1)?.state).toBe('stopped');
  });
});
