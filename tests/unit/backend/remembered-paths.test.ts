import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RememberedPaths } from '../../../electron/backend/kubeconfig/remembered-paths.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-remembered-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'kubeconfigs.json');

describe('RememberedPaths', () => {
  it('keeps absolute paths across a restart, in the order first seen, without duplicates', async () => {
    const first = new RememberedPaths(dir);
    expect(await first.load()).toEqual([]);
    await first.add(['/k/a.yaml', '/k/b.yaml', '/k/a.yaml']);
    await first.add(['/k/b.yaml', 'relative.yaml', '/k/c.yaml']);
    await first.remove('/k/b.yaml');
    await first.flushed();
    const again = new RememberedPaths(dir);
    expect(await again.load()).toEqual(['/k/a.yaml', '/k/c.yaml']);
    expect(again.has('/k/a.yaml')).toBe(true);
    expect(again.has('/k/b.yaml')).toBe(false);
  });

  it('writes paths only, mode 0600', async () => {
    const paths = new RememberedPaths(dir);
    await paths.load();
    await paths.add(['/k/a.yaml']);
    await paths.flushed();
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({ version: 1, paths: ['/k/a.yaml'] });
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('starts empty from a damaged or foreign file and leaves it until something is remembered', async () => {
    for (const text of ['{', '[]', '{"paths": "x"}', '{"paths": [1, "rel", null]}']) {
      fs.writeFileSync(file(), text);
      expect(await new RememberedPaths(dir).load()).toEqual([]);
      expect(fs.readFileSync(file(), 'utf8')).toBe(text);
    }
  });

  it('writes nothing when nothing new is added or removed', async () => {
    const paths = new RememberedPaths(dir);
    await paths.load();
    await paths.add([]);
    await paths.remove('/k/none.yaml');
    await paths.flushed();
    expect(fs.existsSync(file())).toBe(false);
  });
});
