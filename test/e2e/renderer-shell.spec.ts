import { expect, test } from '@playwright/test';
import { serveRenderer } from './static-server';

test('the built renderer loads in Chromium under its content security policy without errors', async ({
  page,
}) => {
  const server = await serveRenderer();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  try {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Snoopy' })).toBeVisible();
    // The CSP forbids inline scripts: an injected one must not run.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await page.screenshot({ path: 'test-results/screenshots/renderer-shell.png' });
    expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
  } finally {
    await server.close();
  }
});
