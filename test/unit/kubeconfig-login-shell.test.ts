// A fake login shell stands in for the user's: it prints rc-file noise, changes PATH, then
// runs the command it was given, exactly as `$SHELL -l -i -c CMD` would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginShellEnvironment } from '../../main/kube/kubeconfig';
import { tempDir, type TempDir } from './fixtures/kubeconfig/helpers';

let tmp: TempDir;
let fakeShell: string;
let slowShell: string;
let argsFile: string;

beforeAll(() => {
  tmp = tempDir();
  argsFile = tmp.path('args');
  fakeShell = tmp.write(
    'bin/fake-shell',
    `#!/bin/sh
printf '%s\\n' "$@" > '${argsFile}'
echo "Welcome to your shell! (motd from .bashrc)"
echo "rc noise on stderr" >&2
export PATH="/opt/homebrew/bin:$PATH"
export MULTILINE="a=b
second line"
[ "$1" = -l ] && [ "$2" = -i ] && [ "$3" = -c ] || exit 64
/bin/sh -c "$4"
echo "noise after the command"
exit 3
`,
    0o755,
  );
  slowShell = tmp.write('bin/slow-shell', '#!/bin/sh\nexec /bin/sleep 30\n', 0o755);
});
afterAll(() => tmp.remove());

describe('loginShellEnvironment', () => {
  it("returns the login shell's PATH and variables despite rc noise and a failing exit code", async () => {
    const result = await loginShellEnvironment({
      shell: fakeShell,
      env: { PATH: '/usr/bin:/bin', HOME: tmp.dir },
    });
    expect(result.fromShell).toBe(true);
    expect(result.env.PATH).toBe('/opt/homebrew/bin:/usr/bin:/bin');
    expect(result.env.MULTILINE).toBe('a=b\nsecond line');
    expect(result.env.HOME).toBe(tmp.dir);
    expect(result.env).not.toHaveProperty('SHLVL');
  });

  it('runs the shell with an argv array (-l -i -c), never a command string', async () => {
    await loginShellEnvironment({ shell: fakeShell, env: { PATH: '/usr/bin:/bin' } });
    const { readFileSync } = await import('node:fs');
    const args = readFileSync(argsFile, 'utf8').split('\n');
    expect(args.slice(0, 3)).toEqual(['-l', '-i', '-c']);
  });

  it('uses $SHELL when no shell is given', async () => {
    const result = await loginShellEnvironment({ env: { SHELL: fakeShell, PATH: '/bin' } });
    expect(result.env.PATH).toBe('/opt/homebrew/bin:/bin');
  });

  it('falls back to the current environment when the shell hangs', async () => {
    const result = await loginShellEnvironment({
      shell: slowShell,
      timeoutMs: 200,
      env: { PATH: '/x' },
    });
    expect(result).toMatchObject({ fromShell: false, env: { PATH: '/x' } });
    expect(result.problem).toMatch(/did not answer/);
  });

  it('falls back when the shell does not exist', async () => {
    const result = await loginShellEnvironment({ shell: tmp.path('nope'), env: { PATH: '/x' } });
    expect(result).toMatchObject({ fromShell: false, env: { PATH: '/x' } });
  });

  it('does not run a shell on Windows, where apps get the full environment', async () => {
    const result = await loginShellEnvironment({
      platform: 'win32',
      shell: fakeShell,
      env: { Path: 'C:\\x' },
    });
    expect(result).toMatchObject({ fromShell: false, env: { Path: 'C:\\x' } });
  });
});
