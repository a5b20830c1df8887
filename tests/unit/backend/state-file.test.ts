import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateFile } from '../../../electron/backend/files/state-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('StateFile', () => {
  it('writes 0600 JSON atomically and reads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-state-'));
    dirs.push(dir);
    const state = new StateFile(path.join(dir, 'nested'));
    await state.load();
    await state.update((s) => {
      s.lastContext = 'dev';
      s.contexts.dev = { selected: 'team-b', added: ['team-b'] };
    });
    const file = path.join(dir, 'nested', 'state.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, 'nested'))).toEqual(['state.json']);
    const again = new StateFile(path.join(dir, 'nested'));
    await again.load();
    expect(again.get()).toEqual({ lastContext: 'dev', contexts: { dev: { selected: 'team-b', added: ['team-b'] } } });
  });

  it('starts fresh from a damaged file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-state-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'state.json'), '{"lastContext": 5, "contexts": [');
    const state = new StateFile(dir);
    await state.load();
    expect(state.get()).toEqual({ contexts: {} });
  });
});
