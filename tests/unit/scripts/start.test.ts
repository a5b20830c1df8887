import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronArgs, findElectronBinary, tryInstallElectron } from '../../../scripts/start.mjs';

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
      '--everynode-sandbox=off',
      '--kubeconfig',
      'k.yaml',
    ]);
    expect(electronArgs(['--sandbox', '--port=1'])).toEqual(['--everynode-sandbox=on']);
  });
});
