// Every way reaching a cluster fails, produced for real by the sandbox and kubeconfig files
// written here, and the message the user then reads where they look: the whole page when there
// is no kubeconfig to work with, the context picker for an unusable context, the banner over
// the table for a cluster that refuses the watch. Screenshots: test-results/screenshots.
// Needs root (the sandbox makes network namespaces); skipped, saying so, otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import {
  FAILING,
  PLUGIN_HINT,
  PLUGIN_STDERR,
  writeFailuresKubeconfig,
  writeUnparsableKubeconfig,
} from './pods-sandbox-kubeconfigs';
import { startSnoopyWeb, type RunningWeb } from './pods-sandbox-web';

const SHOTS = 'test-results/screenshots';
let sandbox: Sandbox;
let dir: string;
let web: RunningWeb;
let closedUrl: string;

test.use({ colorScheme: 'dark' });
test.skip(process.getuid?.() !== 0, 'the sandbox cluster needs root (network namespaces, cgroups)');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'snoopy-e2e-errors-'));
  const failures = await writeFailuresKubeconfig(sandbox.kubeconfigPath, dir);
  closedUrl = failures.closedUrl;
  web = await startSnoopyWeb(['--kubeconfig', failures.path]);
});

test.afterAll(async () => {
  await web?.stop();
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const names = (page: Page): Locator =>
  page.getByTestId('pod-table').locator('.pod-rows [role=row] [data-col="name"]');
const banner = (page: Page): Locator => page.locator('.error-banner[role=alert]');
const watchState = (page: Page, state: string): Locator =>
  page.locator(`[data-watch-state="${state}"]`);

async function open(page: Page, url = web.url): Promise<void> {
  await page.setViewportSize({ width: 1500, height: 800 });
  await page.goto(url);
}

async function chooseContext(page: Page, context: string): Promise<void> {
  await page.getByLabel('Context').click();
  await page.locator(`[role=option][data-context="${context}"]`).click();
}

/** Opens the app on the failing context and returns the banner once its code is shown. */
async function bannerFor(page: Page, context: string, code: string): Promise<Locator> {
  await open(page);
  await expect(watchState(page, 'synced')).toBeVisible({ timeout: 30_000 });
  await chooseContext(page, context);
  await expect(banner(page)).toHaveAttribute('data-error-code', code, { timeout: 20_000 });
  return banner(page);
}

test('without a kubeconfig the whole page lists the paths tried and the fix', async ({ page }) => {
  const missing = [join(dir, 'missing-a.yaml'), join(dir, 'missing-b.yaml')];
  const noConfig = await startSnoopyWeb([], { KUBECONFIG: missing.join(':') });
  try {
    await open(page, noConfig.url);
    await expect(page.getByRole('heading', { name: 'No kubeconfig found' })).toBeVisible();
    const alert = page.locator('[role=alert]');
    await expect(alert).toHaveAttribute('data-error-code', 'KUBECONFIG_NOT_FOUND');
    await expect(alert.locator('.error-fix')).not.toBeEmpty();
    for (const path of missing) await expect(page.getByText(path, { exact: true })).toBeVisible();
    await expect(page.getByText('from $KUBECONFIG, merged in order')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/pods-sandbox-no-kubeconfig.png` });
  } finally {
    await noConfig.stop();
  }
});

test('an unparsable kubeconfig names the file and the line', async ({ page }) => {
  const broken = await writeUnparsableKubeconfig(dir);
  const brokenWeb = await startSnoopyWeb(['--kubeconfig', broken]);
  try {
    await open(page, brokenWeb.url);
    await expect(
      page.getByRole('heading', { name: 'Your kubeconfig could not be read' }),
    ).toBeVisible();
    const alert = page.locator('[role=alert]');
    await expect(alert).toHaveAttribute('data-error-code', 'KUBECONFIG_INVALID');
    // file:line:column, as compilers print it (line 7 holds the mis-indented key).
    await expect(alert).toContainText(`${broken}:7:`);
    await page.screenshot({ path: `${SHOTS}/pods-sandbox-unparsable-kubeconfig.png` });
  } finally {
    await brokenWeb.stop();
  }
});

test('a context whose cluster is missing is listed, disabled, with the reason', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel('Context').click();
  const option = page.locator(`[role=option][data-context="${FAILING.missingCluster}"]`);
  await expect(option).toBeDisabled();
  await expect(option.locator('[role=alert]')).toContainText('no-such-cluster');
  for (const ok of Object.values(sandbox.contexts))
    await expect(page.locator(`[role=option][data-context="${ok}"]`)).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-context-missing-cluster.png` });
});

test('a closed port shows the unreachable server with its URL', async ({ page }) => {
  const shown = await bannerFor(page, FAILING.closedPort, 'CLUSTER_UNREACHABLE');
  await expect(shown).toContainText(closedUrl);
  await expect(shown).toContainText(/retrying/i);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-unreachable.png` });
});

test('the live server going away shows retrying, then the pods come back without a reload', async ({
  page,
}) => {
  await open(page);
  await expect(watchState(page, 'synced')).toBeVisible({ timeout: 30_000 });
  await expect(names(page).filter({ hasText: 'web-7d4b9-x2x8k' })).toBeVisible();
  const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  sandbox.faults.makeApiUnreachable(4);
  await expect(watchState(page, 'retrying')).toBeVisible({ timeout: 20_000 });
  await expect(banner(page)).toHaveAttribute('data-error-code', 'CLUSTER_UNREACHABLE');
  await expect(banner(page)).toContainText(sandbox.url);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-retrying.png` });
  await expect(watchState(page, 'synced')).toBeVisible({ timeout: 45_000 });
  await expect(banner(page)).toHaveCount(0);
  await expect(names(page).filter({ hasText: 'web-7d4b9-x2x8k' })).toBeVisible();
  // The same document all along: no reload happened.
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-live-again.png` });
});

test('a CA the server is not signed by shows a TLS failure and how to trust the right CA', async ({
  page,
}) => {
  const shown = await bannerFor(page, FAILING.wrongCa, 'TLS_FAILED');
  await expect(shown.locator('.error-fix')).toContainText('certificate-authority');
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-tls.png` });
});

test('a rejected token shows 401 and asks for new credentials, without quoting the token', async ({
  page,
}) => {
  const shown = await bannerFor(page, FAILING.badToken, 'UNAUTHORIZED');
  await expect(shown).toContainText('401');
  await expect(shown.locator('.error-fix')).toContainText(/token/);
  await expect(page.locator('body')).not.toContainText('not-the-right-token');
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-unauthorized.png` });
});

test('a missing credential plugin shows its install hint', async ({ page }) => {
  const shown = await bannerFor(page, FAILING.pluginMissing, 'EXEC_PLUGIN_NOT_FOUND');
  await expect(shown).toContainText('snoopy-no-such-plugin');
  await expect(shown).toContainText(PLUGIN_HINT);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-exec-plugin-missing.png` });
});

test('a failing credential plugin shows its stderr', async ({ page }) => {
  const shown = await bannerFor(page, FAILING.pluginFailing, 'EXEC_PLUGIN_FAILED');
  await expect(shown).toContainText(PLUGIN_STDERR);
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-exec-plugin-failing.png` });
});

test('RBAC denial names the verb and resource, and choosing an allowed namespace works', async ({
  page,
}) => {
  const shopDev = sandbox.contexts['shop-dev'];
  if (!shopDev) throw new Error('the default scenario has a shop-dev user');
  const shown = await bannerFor(page, shopDev, 'RBAC_DENIED');
  await expect(shown).toContainText('you may not list pods at the cluster scope');
  await expect(shown.locator('.error-fix')).toContainText('pick the namespaces');
  // Listing namespaces is forbidden too: a warning at the picker, not an error page.
  await expect(page.getByTestId('namespaces-warning')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-rbac.png` });

  await page.getByLabel('Namespaces', { exact: true }).click();
  await expect(page.locator('.ns-warning [role=alert]')).toContainText(
    'you may not list namespaces',
  );
  await page.getByLabel('Search namespaces').fill('shop');
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-rbac-namespaces.png` });
  await page.getByLabel('Search namespaces').press('Enter');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(watchState(page, 'synced')).toBeVisible({ timeout: 20_000 });
  await expect(banner(page)).toHaveCount(0);
  await expect(names(page).filter({ hasText: 'web-7d4b9-x2x8k' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pods-sandbox-rbac-shop.png` });
});
