// The pod browser against the sandbox cluster through the real core and `snoopy web`:
// contexts, namespaces, filter and label selector, live adds/deletes, details. The errors have
// their own spec (pods-sandbox-errors.spec.ts).
// Needs root (the sandbox makes network namespaces); skipped, saying so, otherwise.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { startSnoopyWeb, type RunningWeb } from './pods-sandbox-web';

const SHOTS = 'test-results/screenshots';
let sandbox: Sandbox | undefined;
let web: RunningWeb | undefined;
let appUrl = '';

test.use({ colorScheme: 'dark' });
test.skip(process.getuid?.() !== 0, 'the sandbox cluster needs root (network namespaces, cgroups)');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sandbox = await startSandbox();
  web = await startSnoopyWeb(['--kubeconfig', sandbox.kubeconfigPath]);
  appUrl = web.url;
});

test.afterAll(async () => {
  await web?.stop();
  await sandbox?.stop();
});

const rows = (page: Page): Locator => page.getByTestId('pod-table').locator('.pod-rows [role=row]');
const names = (page: Page): Locator => rows(page).locator('[data-col="name"]');

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1500, height: 800 });
  await page.goto(appUrl);
  await expect(page.locator('[data-watch-state="synced"]')).toBeVisible({ timeout: 30_000 });
}

async function chooseNamespaces(page: Page, namespaces: string[]): Promise<void> {
  await page.getByLabel('Namespaces', { exact: true }).click();
  for (const ns of namespaces)
    await page.locator('.ns-item', { hasText: ns }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('[data-watch-state="synced"]')).toBeVisible();
}

test('lists the sandbox contexts and the pods of the chosen namespaces', async ({ page }) => {
  await open(page);
  await page.getByLabel('Context').click();
  for (const ctx of Object.values(sandbox?.contexts ?? {}))
    await expect(page.locator(`[role=option][data-context="${ctx}"]`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(names(page).filter({ hasText: 'web-7d4b9-x2x8k' })).toBeVisible();
  await expect(names(page).filter({ hasText: 'node-exporter-a' })).toBeVisible();
  await chooseNamespaces(page, ['payments']);
  await expect(names(page)).toHaveText(['api-0']);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-namespaces.png` });
});

test('the text filter and the server-side label selector narrow the pods', async ({ page }) => {
  await open(page);
  await chooseNamespaces(page, ['shop']);
  await page.getByLabel('Filter pods').fill('app=web');
  await expect(names(page)).toHaveText(['web-7d4b9-q7m2p', 'web-7d4b9-x2x8k']);
  await page.getByLabel('Filter pods').fill('');
  const selector = page.getByRole('textbox', { name: 'Label selector' });
  await selector.fill('tier in (backend)');
  await selector.press('Enter');
  await expect(page.locator('[data-watch-state="synced"]')).toBeVisible();
  await expect(names(page)).toHaveText(['client-5f6c7-abcde']);
  await selector.fill('tier in (');
  await selector.press('Enter');
  await expect(page.locator('.label-selector [role=alert], [role=alert]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-selector-error.png` });
});

test('pods created and deleted in the cluster appear and disappear without a reload', async ({
  page,
}) => {
  await open(page);
  await chooseNamespaces(page, ['shop']);
  sandbox?.cluster.createPod({
    metadata: { name: 'e2e-added', namespace: 'shop', labels: { app: 'e2e' } },
    spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }] },
  });
  await expect(names(page).filter({ hasText: 'e2e-added' })).toBeVisible({ timeout: 15_000 });
  sandbox?.cluster.deletePod('shop', 'dns-probe', 0);
  await expect(names(page).filter({ hasText: 'dns-probe' })).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-live-add-delete.png` });
});

test('the details panel shows the container ID of a running pod', async ({ page }) => {
  await open(page);
  await names(page).filter({ hasText: 'web-7d4b9-x2x8k' }).click();
  const panel = page.getByTestId('details-panel');
  await expect(panel.getByTestId('container-id').first()).toContainText(/:\/\/[0-9a-f]{16,}/, {
    timeout: 15_000,
  });
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-details.png` });
});
