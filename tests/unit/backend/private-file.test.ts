import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateFile, writePrivateFile } from '../../../electron/backend/files/private-file.js';
import { StateFile } from '../../../electron/backend/files/state-file.js';
import { DraftStore } from '../../../electron/backend/files/drafts.js';
import { saveWindowState } from '../../../electron/main/window-state.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-private-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('writePrivateFile', () => {
  it('creates a 0600 file in a new 0700 directory and leaves no temporary file', async () => {
    const dir = path.join(tempDir(), 'a', 'b');
    await writePrivateFile(path.join(dir, 'x.json'), '{"a":1}');
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'x.json'))).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
    expect(fs.readFileSync(path.join(dir, 'x.json'), 'utf8')).toBe('{"a":1}');
  });

  it('tightens an existing directory of ours and replaces a world-readable file with a private one', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    await writePrivateFile(file, 'new');
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });

  it('keeps the old content when the new one cannot be written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    await writePrivateFile(file, 'old');
    // A directory where the file should go: the rename fails, the temporary file is removed.
    const blocked = path.join(dir, 'blocked');
    fs.mkdirSync(path.join(blocked, 'inner'), { recursive: true });
    await expect(writePrivateFile(blocked, 'new')).rejects.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'state.json']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });
});

describe('PrivateFile', () => {
  it('writes the newest of many quick writes last, and keeps writing after a failure', async () => {
    const dir = tempDir();
    const target = new PrivateFile(path.join(dir, 'drafts.json'));
    const writes = Array.from({ length: 20 }, (_, i) => target.write(`v${i}`));
    await Promise.all(writes);
    expect(await target.read()).toBe('v19');

    const blocked = new PrivateFile(path.join(dir, 'sub'));
    fs.mkdirSync(path.join(dir, 'sub', 'x'), { recursive: true });
    await blocked.write('lost');
    fs.rmSync(path.join(dir, 'sub'), { recursive: true });
    await blocked.write('kept');
    expect(fs.readFileSync(path.join(dir, 'sub'), 'utf8')).toBe('kept');
  });
});

describe('every file the app writes goes through it', () => {
  it('state.json, drafts.json and window-state.json are all 0600 in 0700 directories', async () => {
    const stateDir = path.join(tempDir(), 'everynode');
    const state = new StateFile(stateDir);
    await state.update((s) => {
      s.lastContext = 'x';
    });
    await new DraftStore(stateDir).put('wizard', { name: 'x' }, 0);
    const userData = path.join(tempDir(), 'userData');
    await saveWindowState(path.join(userData, 'window-state.json'), {
      bounds: { x: 0, y: 0, width: 800, height: 600 },
      maximized: false,
    });
    expect(mode(stateDir)).toBe(0o700);
    expect(mode(userData)).toBe(0o700);
    expect(fs.readdirSync(stateDir).sort()).toEqual(['drafts.json', 'state.json']);
    for (const file of [
      path.join(stateDir, 'state.json'),
      path.join(stateDir, 'drafts.json'),
      path.join(userData, 'window-state.json'),
    ])
      expect(mode(file)).toBe(0o600);
  });
});
