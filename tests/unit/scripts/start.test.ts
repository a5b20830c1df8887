import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronArgs, findElectronBinary } from '../../../scripts/start.mjs';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-electron-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('finds the Electron binary that path.txt names under dist/', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir)).toBeUndefined();
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('reports no binary where the package was installed without its download', async () => {
    expect(findElectronBinary(dir)).toBeUndefined();
    await writeFile(path.join(dir, 'path.txt'), '');
    expect(findElectronBinary(dir)).toBeUndefined();
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
