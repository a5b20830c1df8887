import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isVisibleOn, loadWindowState, saveWindowState } from '../../../electron/main/window-state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('is remembered across launches in a file only the user can read', async () => {
    const file = path.join(dir, 'userData', 'window-state.json');
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Written through a temporary file: nothing else is left behind.
    expect(await readdir(path.dirname(file))).toEqual(['window-state.json']);
  });

  it.each([
    ['no file', undefined],
    ['a truncated file', '{"bounds":{"x":1'],
    ['a wrong shape', '{"bounds":{"x":"1","y":0,"width":900,"height":700},"maximized":false}'],
    ['a tiny window', '{"bounds":{"x":0,"y":0,"width":5,"height":5},"maximized":false}'],
  ])('is ignored when there is %s', async (_label, content) => {
    const file = path.join(dir, 'window-state.json');
    if (content !== undefined) await writeFile(file, content);
    expect(await loadWindowState(file)).toBeUndefined();
  });

  it('is used only when the window would land on a display', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(isVisibleOn({ x: 100, y: 100, width: 800, height: 600 }, screen)).toBe(true);
    // A monitor that was unplugged since: the window would open off-screen.
    expect(isVisibleOn({ x: 2500, y: 100, width: 800, height: 600 }, screen)).toBe(false);
  });
});
