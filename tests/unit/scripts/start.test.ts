import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronArgs, findElectronBinary, supervise, tryInstallElectron } from '../../../scripts/start.mjs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-electron-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('finds the Electron binary that path.txt names under dist/', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeUndefined();
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('reports no binary where the package was installed without its download', async () => {
    expect(findElectronBinary(dir, {})).toBeUndefined();
    await writeFile(path.join(dir, 'path.txt'), '');
    expect(findElectronBinary(dir, {})).toBeUndefined();
  });

  it('finds a binary kept elsewhere through ELECTRON_OVERRIDE_DIST_PATH, as the electron package does', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const name = process.platform === 'win32' ? 'electron.exe' : 'electron';
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBeUndefined();
    await writeFile(path.join(elsewhere, name), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(path.join(elsewhere, name));
  });

  it("downloads on demand with the package's installer (Electron 42+ has no postinstall), then finds the binary", async () => {
    // A stand-in installer that does what install.js does once its download succeeded: unpack into dist/, write
    // path.txt. The real one fails here (no internet), which leaves no binary and so the browser host.
    await writeFile(
      path.join(dir, 'install.js'),
      "const fs = require('fs'); fs.mkdirSync('dist'); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');",
    );
    expect(findElectronBinary(dir, {})).toBeUndefined();
    tryInstallElectron(dir);
    expect(findElectronBinary(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
  });

  it("never hands --no-sandbox to Electron, where Chromium would read it as 'no renderer sandbox'", () => {
    expect(electronArgs(['--no-sandbox', '--kubeconfig', 'k.yaml', '--port', '8080'])).toEqual([
      '--js-flags=--max-semi-space-size=4 --heap-growing-percent=50',
      '--everynode-sandbox=off',
      '--kubeconfig',
      'k.yaml',
    ]);
    expect(electronArgs(['--sandbox', '--port=1'])).toEqual([
      '--js-flags=--max-semi-space-size=4 --heap-growing-percent=50',
      '--everynode-sandbox=on',
    ]);
  });

  describe('when the app it started dies', () => {
    /** Runs `node -e script` under supervise() and returns how it ended and everything written to `out`. */
    async function dying(script: string) {
      let written = '';
      const out = { write: (chunk: string | Buffer) => ((written += chunk.toString()), true) };
      const ended = await supervise(process.execPath, ['-e', script], { what: 'the browser host', out });
      return { ...ended, written };
    }

    it('says it exited with its code, repeats its last stderr lines and says what to do', async () => {
      const { code, written } = await dying(
        "for (let i = 1; i <= 20; i++) console.error('line ' + i); console.error('Error: EADDRINUSE 127.0.0.1:8080'); process.exit(3)",
      );
      expect(code).toBe(3);
      const message = written.slice(written.indexOf('everynode: '));
      expect(message).toMatch(/^everynode: the browser host stopped: it exited with code 3\.\n/);
      expect(message).toContain('Its last output on stderr:\n  line 10\n');
      expect(message).toContain('  line 20\n  Error: EADDRINUSE 127.0.0.1:8080\n');
      // Only the last lines are repeated (all of them were shown as they came).
      expect(message).not.toContain('line 9\n');
      expect(written.startsWith('line 1\n')).toBe(true);
      expect(message).toMatch(/Run `npm start` again/);
    });

    it('names the signal when it was killed', async () => {
      const { signal, written } = await dying("console.error('serving'); process.kill(process.pid, 'SIGKILL')");
      expect(signal).toBe('SIGKILL');
      expect(written).toContain('everynode: the browser host stopped: it was killed by signal SIGKILL.');
      expect(written).toContain('  serving\n');
      expect(written).toContain('Something outside the app ended it');
    });

    it('says nothing more when it exits cleanly', async () => {
      const { code, written } = await dying("console.error('bye'); process.exit(0)");
      expect(code).toBe(0);
      expect(written).toBe('bye\n');
    });
  });
});
