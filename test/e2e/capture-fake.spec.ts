// The capture UI against the in-memory fake cluster (`?fake=…`, a dev/test-build-only flag):
// the dialog from the pod browser's selection, preflight failures with their fixes, a session
// whose counts rise, hostNetwork warnings, a failing target, stop, and Wireshark errors.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { serveFakeRenderer } from './fake-renderer';

const OUT = resolve('out/renderer-capture-fake');
const SHOTS = 'test-results/screenshots';
let server: { url: string; close: () => Promise<void> };

test.use({ colorScheme: 'dark' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await serveFakeRenderer(OUT);
});
test.afterAll(async () => server?.close());

const table = (page: Page): Locator => page.getByTestId('pod-table');
const rows = (page: Page): Locator => table(page).locator('.pod-rows [role=row]');
const dialog = (page: Page): Locator => page.getByRole('dialog');
const captureButton = (page: Page): Locator =>
  page.getByRole('button', { name: 'Capture', exact: true });
const statusChip = (page: Page, status: RegExp): Locator =>
  page.getByRole('group', { name: 'Status filter' }).getByRole('button', { name: status });

async function open(page: Page, extra = ''): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}?fake=5000&churn=0${extra}`);
  await expect(page.locator('[data-watch-state="synced"]')).toBeVisible({ timeout: 30_000 });
  expect(problems).toEqual([]);
}

/** Selects the first `n` Running pods (a capture of Running pods has no failing target). */
async function selectRunning(page: Page, n: number): Promise<void> {
  await statusChip(page, /^Running/).click();
  await rows(page).first().click();
  if (n > 1)
    await rows(page)
      .nth(n - 1)
      .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toContainText(`${n} selected`);
}

async function sessionPackets(page: Page): Promise<number> {
  const text = await page.getByTestId('session-packets').first().textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

test('Capture is enabled only with a selection, and opens the dialog with it', async ({ page }) => {
  await open(page);
  await expect(captureButton(page)).toBeDisabled();
  await selectRunning(page, 3);
  await expect(captureButton(page)).toBeEnabled();
  await captureButton(page).click();
  await expect(dialog(page)).toBeVisible();
  await expect(page.getByTestId('capture-target-count')).toHaveText('3 pods');
  // The preflight says what will be created and that every check passed.
  const create = page.getByTestId('preflight-create');
  await expect(create).toContainText('snoopy-system');
  await expect(create).toContainText('netshoot');
  await expect(create).toContainText('privileged');
  await expect(create).toContainText('hostPID');
  await expect(page.getByTestId('preflight-checks').locator('li')).not.toHaveCount(0);
  await expect(page.locator('[data-check-ok=false]')).toHaveCount(0);
  await expect(page.getByTestId('capture-start')).toBeEnabled();
  // Focus starts in the filter, so typing a filter and pressing Enter is the whole flow.
  await expect(page.getByTestId('capture-filter')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/capture-dialog.png` });
  // Esc closes and gives the focus back to the Capture button.
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(captureButton(page)).toBeFocused();
});

test('a failed preflight shows each error with its fix, and no Start', async ({ page }) => {
  await open(page, '&fakePreflight=rbac,psa');
  await selectRunning(page, 2);
  await captureButton(page).click();
  const failed = page.locator('[data-check-ok=false]');
  await expect(failed.first()).toBeVisible();
  const rbac = failed.locator('[data-error-code=RBAC_DENIED]').first();
  await expect(rbac).toContainText('you may not create pods in snoopy-system');
  await expect(rbac).toContainText('agent-manifests/rbac.yaml');
  const psa = failed.locator('[data-error-code=POD_SECURITY_REJECTED]');
  await expect(psa).toContainText('baseline');
  await expect(psa).toContainText('pod-security.kubernetes.io/enforce=privileged');
  await expect(page.getByTestId('capture-start')).toHaveCount(0);
  await expect(dialog(page).getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/capture-preflight-failed.png` });
  // Enter does nothing when nothing may start; Cancel closes.
  await page.getByTestId('capture-filter').press('Enter');
  await expect(dialog(page)).toBeVisible();
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('capture-session')).toHaveCount(0);
});

test('Enter starts a session whose counts rise, and Stop stops it', async ({ page }) => {
  await open(page);
  await selectRunning(page, 3);
  await captureButton(page).click();
  await expect(page.getByTestId('capture-start')).toBeEnabled();
  await page.getByTestId('capture-filter').fill('tcp port 443');
  await page.getByTestId('capture-filter').press('Enter');
  await expect(dialog(page)).toBeHidden();
  const session = page.getByTestId('capture-session').first();
  await expect(session).toHaveAttribute('data-state', 'capturing');
  const targets = session.getByTestId('capture-target');
  await expect(targets).toHaveCount(3);
  await expect(targets.locator('[data-state=capturing]').first()).toBeVisible();
  await expect.poll(() => sessionPackets(page)).toBeGreaterThan(0);
  const first = await sessionPackets(page);
  await expect.poll(() => sessionPackets(page)).toBeGreaterThan(first);
  // Rates come from successive events: a number, not the placeholder.
  await expect(targets.first().locator('td').nth(5)).not.toHaveText('—');
  await expect(page.getByTestId('captures-toggle')).toContainText('1 live');
  await page.screenshot({ path: `${SHOTS}/capture-session-running.png` });
  await session.getByRole('button', { name: 'Stop' }).click();
  await expect(session).toHaveAttribute('data-state', 'stopped');
  await expect(targets.locator('[data-state=done]')).toHaveCount(3);
  await expect(session.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(session.getByRole('button', { name: 'Live in Wireshark' })).toHaveCount(0);
  const stopped = await sessionPackets(page);
  await page.waitForTimeout(1200);
  expect(await sessionPackets(page)).toBe(stopped);
  await page.screenshot({ path: `${SHOTS}/capture-session-stopped.png` });
});

test('hostNetwork pods are flagged, and a pod without a container fails with its fix', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel('Filter pods').fill('node-exporter');
  await statusChip(page, /^Running/).click();
  await rows(page).first().click();
  await page.getByLabel('Filter pods').fill('');
  await statusChip(page, /^Running/).click();
  await statusChip(page, /^Pending/).click();
  await rows(page)
    .first()
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('selection-count')).toContainText('2 selected');
  await captureButton(page).click();
  await expect(page.getByTestId('hostnetwork-warning')).toContainText('node’s network');
  await expect(page.getByTestId('capture-start')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/capture-dialog-hostnetwork.png` });
  await page.getByTestId('capture-start').click();
  const session = page.getByTestId('capture-session').first();
  const failed = session.locator('[data-testid=capture-target][data-state=failed]');
  await expect(failed).toHaveCount(1);
  await expect(session.locator('[data-error-code=TARGET_NOT_FOUND]')).toContainText(
    'no running container',
  );
  const host = session.locator('[data-testid=capture-target]', { hasText: 'hostNetwork' });
  await expect(host).toHaveAttribute('data-state', 'capturing');
  await expect(host.getByTestId('target-packets')).not.toHaveText('0');
  await session.getByRole('button', { name: 'Stop' }).click();
  // tcpdump reports drops at stop: the busy hostNetwork capture lost some, highlighted.
  await expect(host.getByTestId('target-drops')).toHaveClass(/cap-drops/);
  await page.screenshot({ path: `${SHOTS}/capture-session-failed-target.png` });
});

test('options are validated, and tcpdump’s filter error is shown verbatim', async ({ page }) => {
  await open(page);
  await selectRunning(page, 1);
  await captureButton(page).click();
  const filterInput = page.getByTestId('capture-filter');
  await filterInput.fill('tcp and (port 80');
  await expect(page.getByTestId('capture-filter-hint')).toContainText('not closed');
  await dialog(page).getByLabel('Max packets').fill('12x');
  await expect(dialog(page)).toContainText('Max packets must be a whole number');
  await expect(page.getByTestId('capture-start')).toBeDisabled();
  await dialog(page).getByLabel('Max packets').fill('1000');
  await filterInput.fill('tcp port 80; touch /tmp/pwned');
  await expect(page.getByTestId('capture-filter-hint')).toContainText('never to a shell');
  await filterInput.press('Enter');
  const err = dialog(page).locator('[data-error-code=INVALID_BPF_FILTER]');
  await expect(err).toContainText(
    "tcpdump: can't parse filter expression: syntax error in filter expression: tcp port 80; touch /tmp/pwned",
  );
  await expect(dialog(page)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/capture-dialog-invalid-filter.png` });
  // Editing the filter clears tcpdump's old verdict.
  await filterInput.fill('tcp port 80');
  await expect(err).toHaveCount(0);
});

test('Capture by label resolves the selector in the preflight', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Capture by label…' }).click();
  await dialog(page).getByLabel('Namespace').fill('kube-system');
  await dialog(page).getByLabel('Label selector').fill('app=coredns');
  await expect(page.getByTestId('capture-target-count')).toHaveText(/\d+ pods?/);
  await expect(page.getByTestId('capture-targets')).toContainText('new matching pods join');
  await page.screenshot({ path: `${SHOTS}/capture-dialog-by-label.png` });
  await dialog(page).getByLabel('Label selector').fill('app in (');
  await expect(dialog(page).locator('[data-error-code=INVALID_INPUT]')).toBeVisible();
});

test('Wireshark missing is said with its fix', async ({ page }) => {
  await open(page, '&fakeWireshark=missing');
  await selectRunning(page, 1);
  await captureButton(page).click();
  await page.getByTestId('capture-start').click();
  const session = page.getByTestId('capture-session').first();
  await session.getByRole('button', { name: 'Live in Wireshark' }).click();
  const err = session.locator('[data-error-code=WIRESHARK_NOT_FOUND]');
  await expect(err).toContainText('Install Wireshark');
  await page.screenshot({ path: `${SHOTS}/capture-wireshark-missing.png` });
});

test.describe('light theme', () => {
  test.use({ colorScheme: 'light' });
  test('the dialog and the captures panel follow the system preference', async ({ page }) => {
    await open(page, '&fakePreflight=psa');
    await selectRunning(page, 2);
    await captureButton(page).click();
    await expect(page.locator('[data-error-code=POD_SECURITY_REJECTED]')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/capture-dialog-light.png` });
  });
});
