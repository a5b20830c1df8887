import { describe, expect, it } from 'vitest';
import { BROWSER_RESERVED, DESKTOP_SHORTCUTS, KEY_COMMANDS, matches, SHORTCUTS } from '../../../common/keymap';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

/** Every key press `matches` accepts for an accelerator, among a broad sample, on one platform. */
function pressesOf(accelerator: string, mac: boolean): string[] {
  const keys = [...'abcdefghijklmnopqrstuvwxyz0123456789/?-+=', 'Tab', 'PageUp', 'PageDown', 'ArrowLeft', 'F5'];
  const out: string[] = [];
  for (const key of keys)
    for (let m = 0; m < 16; m++) {
      const p = press(key, { ctrlKey: !!(m & 1), metaKey: !!(m & 2), altKey: !!(m & 4), shiftKey: !!(m & 8) });
      if (matches(accelerator, p, mac)) out.push(JSON.stringify(p));
    }
  return out;
}

describe('the keymap table', () => {
  it('names each command once, and every command has a key', () => {
    expect(SHORTCUTS.map((s) => s.command).sort()).toEqual([...KEY_COMMANDS].sort());
  });

  it('takes no key a browser keeps for itself, on either platform', () => {
    for (const mac of [false, true]) {
      const reserved = new Set(BROWSER_RESERVED.flatMap((r) => pressesOf(r, mac)));
      for (const s of SHORTCUTS) {
        const taken = pressesOf(s.key, mac).filter((p) => reserved.has(p));
        expect(taken, `${s.key} on ${mac ? 'macOS' : 'Linux/Windows'}`).toEqual([]);
      }
    }
  });

  it('gives no two shortcuts the same key', () => {
    const all = SHORTCUTS.flatMap((s) => pressesOf(s.key, false));
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the desktop-only key off the page: the browser has it, the menu registers it', () => {
    expect(BROWSER_RESERVED).toContain(DESKTOP_SHORTCUTS.addKubeconfig);
    expect(SHORTCUTS.map((s) => s.key)).not.toContain(DESKTOP_SHORTCUTS.addKubeconfig);
  });
});

describe('matches', () => {
  it('reads CmdOrCtrl as Ctrl off a Mac and as Cmd on one, never both', () => {
    expect(matches('CmdOrCtrl+K', press('k', { ctrlKey: true }), false)).toBe(true);
    expect(matches('CmdOrCtrl+K', press('k', { metaKey: true }), false)).toBe(false);
    expect(matches('CmdOrCtrl+K', press('k', { metaKey: true }), true)).toBe(true);
    expect(matches('CmdOrCtrl+K', press('k', { ctrlKey: true }), true)).toBe(false);
    expect(matches('CmdOrCtrl+K', press('K', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matches('CmdOrCtrl+K', press('k', { ctrlKey: true, altKey: true }), false)).toBe(false);
  });

  it('matches punctuation by the character typed, whatever Shift it took', () => {
    expect(matches('?', press('?', { shiftKey: true }), false)).toBe(true);
    expect(matches('/', press('/'), false)).toBe(true);
    expect(matches('/', press('?', { shiftKey: true }), false)).toBe(false);
    expect(matches('/', press('/', { ctrlKey: true }), false)).toBe(false);
  });

  it('matches a letter in either case without Shift only', () => {
    expect(matches('C', press('c'), false)).toBe(true);
    expect(matches('C', press('C', { shiftKey: true }), false)).toBe(false);
    expect(matches('C', press('c', { ctrlKey: true }), false)).toBe(false);
  });
});

describe('named keys', () => {
  it('tell Tab from Shift+Tab (Shift is part of a named key, unlike a typed character)', () => {
    expect(matches('Tab', press('Tab'), false)).toBe(true);
    expect(matches('Tab', press('Tab', { shiftKey: true }), false)).toBe(false);
    expect(matches('Shift+Tab', press('Tab', { shiftKey: true }), false)).toBe(true);
    expect(matches('Shift+Tab', press('Tab'), false)).toBe(false);
  });
});
