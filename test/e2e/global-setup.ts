// Build the renderer once before the browser tests, and fail with a clear message when the
// browser this suite relies on is missing (it is never downloaded).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function globalSetup(): void {
  const chromium = process.env.SNOOPY_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: install Debian's "chromium" package (apt-get install chromium) or set SNOOPY_CHROMIUM.`,
    );
  }
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
