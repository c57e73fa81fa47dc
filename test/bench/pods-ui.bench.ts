// The pod browser as the user sees it, at 10k and 50k virtual pods in the sandbox: `snoopy web`
// (the real core and web server, in this process) opened in Debian's Chromium. Measured in the
// page: navigation start → first table row painted, → full list painted (watch live and the
// count equal to the cluster's), filter keystroke → updated table painted (median), and the
// renderer's JS heap after GC with everything loaded. `kubectl get pods -A -o json` on the same
// cluster in the same run is the reference. Targets are reported (PASS/MISS), never enforced.
// Run as root: npx tsx test/bench/pods-ui.bench.ts
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCore } from '../../main/core';
import { buildRenderer, rendererNeedsBuild } from '../../main/web/ensure-built';
import { createWebServer, DEFAULT_RENDERER_ROOT } from '../../main/web/server';
import { startSandbox } from '../sandbox/sandbox';
import { addVirtualPods } from '../sandbox/seed';

const SIZES = [10_000, 50_000];
const FIRST_ROWS_TARGET_MS = { size: 10_000, ms: 1000 };
const KEYSTROKE_TARGET_MS = { size: 50_000, ms: 50 };
/** Each typed into an empty filter, then erased: every one changes the shown count. */
const FILTER_KEYS = ['q', 'z', 'j', 'y', '9', 'w'];
const LOAD_TIMEOUT_MS = 120_000;

/**
 * Installed before the app's scripts (plain JS: a bundler-compiled function could carry helpers
 * the page lacks). "Painted" is the first task after the next animation frame: the frame that
 * shows the DOM change has been produced by then. performance.now() counts from navigation start.
 */
const PAGE_PROBES = `(() => {
  const bench = (window.__snoopyBench = { firstRowMs: -1, fullListMs: -1, expected: __EXPECTED__ });
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  });
  const countText = () => document.querySelector('[data-testid="pod-count"]')?.textContent ?? '';
  const shownCount = () => Number(countText().replace(/\\D/g, '') || -1);
  let firstSeen = false, fullSeen = false;
  const loadObserver = new MutationObserver(() => {
    if (!firstSeen && document.querySelector('[data-testid="pod-table"] .pod-rows [role=row]')) {
      firstSeen = true;
      afterPaint((t) => (bench.firstRowMs = t));
    }
    if (!fullSeen && document.querySelector('[data-watch-state="synced"]') && shownCount() === bench.expected) {
      fullSeen = true;
      afterPaint((t) => (bench.fullListMs = t));
    }
    if (firstSeen && fullSeen) loadObserver.disconnect();
  });
  loadObserver.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });

  // One keystroke: armed before the key is sent; resolves with keydown → the table painted with
  // the new filter (the count and the rows commit together), or NaN if nothing changed.
  bench.armKeystroke = () => {
    const counter = document.querySelector('[data-testid="pod-count"]');
    const before = countText();
    bench.keystroke = new Promise((resolve) => {
      let start = -1;
      window.addEventListener('keydown', (e) => {
        const now = performance.now();
        start = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
      }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (start < 0 || countText() === before) return;
        observer.disconnect();
        afterPaint((t) => resolve(t - start));
      });
      observer.observe(counter, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(NaN); }, 5000);
    });
  };
})();`;

interface BenchWindow {
  __snoopyBench: {
    firstRowMs: number;
    fullListMs: number;
    armKeystroke(): void;
    keystroke: Promise<number>;
  };
}

interface LoadFigures {
  firstRowsMs: number;
  fullListMs: number;
}

async function openApp(browser: Browser, url: string, expected: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBES.replace('__EXPECTED__', String(expected)));
  await page.goto(url);
  return page;
}

async function loadFigures(page: Page): Promise<LoadFigures> {
  await page.waitForFunction(
    () => (globalThis as unknown as BenchWindow).__snoopyBench.fullListMs >= 0,
    undefined,
    { timeout: LOAD_TIMEOUT_MS, polling: 100 },
  );
  return page.evaluate(() => {
    const b = (globalThis as unknown as BenchWindow).__snoopyBench;
    return { firstRowsMs: b.firstRowMs, fullListMs: b.fullListMs };
  });
}

/** Keystroke → painted table for each key typed into the empty filter and for its erasure. */
async function keystrokeLatencies(page: Page): Promise<number[]> {
  const filter = page.getByLabel('Filter pods');
  await filter.click();
  const samples: number[] = [];
  const measure = async (key: string): Promise<void> => {
    await page.evaluate(() => (globalThis as unknown as BenchWindow).__snoopyBench.armKeystroke());
    await page.keyboard.press(key);
    const ms = await page.evaluate(
      () => (globalThis as unknown as BenchWindow).__snoopyBench.keystroke,
    );
    if (Number.isFinite(ms)) samples.push(ms);
  };
  for (const key of FILTER_KEYS) {
    await measure(key);
    await measure('Backspace');
  }
  return samples;
}

/** The renderer's JS heap after a full GC, through the DevTools protocol. */
async function heapAfterGc(page: Page): Promise<{ usedMb: number; totalMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { usedMb: usedSize / 2 ** 20, totalMb: totalSize / 2 ** 20 };
}

function kubectlList(kubeconfig: string): Promise<{ ms: number; pods: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-A', '-o', 'json']);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return fail(new Error(`kubectl exited ${code}`));
      const list = JSON.parse(Buffer.concat(chunks).toString()) as { items: unknown[] };
      done({ ms, pods: list.items.length });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const fmt = (ms: number): string => `${ms.toFixed(0).padStart(6)} ms`;
const verdict = (ms: number, target: number): string => (ms < target ? 'PASS' : 'MISS');

const repoRoot = resolve(import.meta.dirname, '../..');
if (rendererNeedsBuild(repoRoot, DEFAULT_RENDERER_ROOT)) buildRenderer(repoRoot);

const sandbox = await startSandbox();
const core = await createCore({
  kubeconfig: sandbox.kubeconfigPath,
  version: 'bench',
  transport: 'browser',
  execEnvironment: {},
  watchKubeconfig: false,
});
const server = await createWebServer({ handlers: core.handlers });
const browser = await chromium.launch({
  executablePath: process.env.SNOOPY_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});
try {
  let added = 0;
  for (const size of SIZES) {
    addVirtualPods(
      sandbox.cluster,
      {
        count: size - added,
        namespaces: ['default', 'shop', 'payments', 'kube-system'],
        namePrefix: 'v',
      },
      sandbox.nodes,
      added,
    );
    added = size;
    await kubectlList(sandbox.kubeconfigPath); // warm-up (JIT, TLS, server caches)
    const kubectl = await kubectlList(sandbox.kubeconfigPath);

    const warmUp = await openApp(browser, server.url, kubectl.pods);
    const cold = await loadFigures(warmUp);
    await warmUp.context().close();
    const page = await openApp(browser, server.url, kubectl.pods);
    const load = await loadFigures(page);
    const heap = await heapAfterGc(page);
    const keys = await keystrokeLatencies(page);
    await page.context().close();

    const keyMedian = median(keys);
    console.log(`\n${size} virtual pods (${kubectl.pods} in all), Chromium ${browser.version()}`);
    console.log(
      `  first rows painted   ${fmt(load.firstRowsMs)}  (first page load: ${fmt(cold.firstRowsMs).trim()})` +
        (size === FIRST_ROWS_TARGET_MS.size
          ? `  target < ${FIRST_ROWS_TARGET_MS.ms} ms: ${verdict(load.firstRowsMs, FIRST_ROWS_TARGET_MS.ms)}`
          : ''),
    );
    console.log(
      `  full list painted    ${fmt(load.fullListMs)}  (first page load: ${fmt(cold.fullListMs).trim()})`,
    );
    console.log(
      `  keystroke → table    ${fmt(keyMedian)}  median of ${keys.length} (min ${Math.min(...keys).toFixed(0)}, max ${Math.max(...keys).toFixed(0)})` +
        (size === KEYSTROKE_TARGET_MS.size
          ? `  target < ${KEYSTROKE_TARGET_MS.ms} ms: ${verdict(keyMedian, KEYSTROKE_TARGET_MS.ms)}`
          : ''),
    );
    console.log(
      `  renderer heap        ${heap.usedMb.toFixed(1).padStart(6)} MB used after GC (${heap.totalMb.toFixed(1)} MB allocated)`,
    );
    console.log(`  kubectl get pods -A -o json ${fmt(kubectl.ms)}`);
    console.log(
      `  ratio full list / kubectl: ${(load.fullListMs / kubectl.ms).toFixed(2)}; first rows / kubectl: ${(load.firstRowsMs / kubectl.ms).toFixed(3)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  await core.close();
  await sandbox.stop();
}
