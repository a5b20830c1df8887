import { describe, expect, it } from 'vitest';
import { commandFor, keyLabel } from '../../../../renderer/keyboard/keymap';
import { fuzzyMatch } from '../../../../renderer/keyboard/fuzzy';
import { moveActive, PER_KIND, searchPalette, type PaletteEntry } from '../../../../renderer/keyboard/palette';

const ds = (name: string): PaletteEntry => ({ id: `ds:${name}`, kind: 'daemonSet', label: name });

describe('fuzzyMatch', () => {
  it('finds the typed letters in order, ignoring case', () => {
    expect(fuzzyMatch('fbit', 'fluent-bit')?.positions).toEqual([0, 7, 8, 9]);
    expect(fuzzyMatch('FLU', 'fluent-bit')).not.toBeNull();
    expect(fuzzyMatch('tib', 'fluent-bit')).toBeNull();
  });

  it('ranks a prefix over a word start over a run inside a word over scattered letters', () => {
    const score = (text: string) => fuzzyMatch('exp', text)?.score ?? -Infinity;
    expect(score('exporter')).toBeGreaterThan(score('node-exporter'));
    expect(score('node-exporter')).toBeGreaterThan(score('nodexporter'));
    expect(score('nodexporter')).toBeGreaterThan(score('e-x-p'));
  });
});

describe('searchPalette', () => {
  const entries: PaletteEntry[] = [
    { id: 'action:createDaemonSet', kind: 'action', label: 'Create DaemonSet' },
    ds('fluent-bit'),
    ds('node-exporter'),
    { id: 'node:worker-1', kind: 'node', label: 'worker-1' },
    { id: 'project:monitoring', kind: 'project', label: 'monitoring' },
    { id: 'context:prod', kind: 'context', label: 'prod' },
  ];

  it('groups the matches by kind, in a fixed order, leaving out empty groups', () => {
    const groups = searchPalette(entries, 'nt');
    expect(groups.map((g) => g.kind)).toEqual(['action', 'daemonSet', 'project']);
    // "nt" inside fluent-bit beats n…t scattered over node-exporter.
    expect(groups[1]?.entries.map((e) => e.label)).toEqual(['fluent-bit', 'node-exporter']);
  });

  it('shows everything, grouped, for an empty query, at most PER_KIND of each kind', () => {
    const many = Array.from({ length: 30 }, (_, i) => ds(`agent-${i}`));
    const groups = searchPalette([...entries, ...many], '');
    expect(groups.map((g) => g.kind)).toEqual(['action', 'daemonSet', 'node', 'project', 'context']);
    expect(groups[1]?.entries).toHaveLength(PER_KIND);
  });

  it('finds nothing for a query nothing contains', () => {
    expect(searchPalette(entries, 'zzz')).toEqual([]);
  });
});

describe('moveActive', () => {
  it('wraps at both ends and starts from either end', () => {
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});

describe('commandFor: whose key it is', () => {
  const key = (k: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    defaultPrevented: false,
    isComposing: false,
    ...mods,
  });
  const page = { ownKeys: false, typing: false, modal: false };

  it('runs the page keys outside text fields only, the palette key inside them too', () => {
    expect(commandFor(key('/'), page, false)).toBe('search');
    expect(commandFor(key('?', { shiftKey: true }), page, false)).toBe('shortcuts');
    expect(commandFor(key('c'), page, false)).toBe('createDaemonSet');
    expect(commandFor(key('2'), page, false)).toBe('openNodes');
    expect(commandFor(key('/'), { ...page, typing: true }, false)).toBeUndefined();
    expect(commandFor(key('c'), { ...page, typing: true }, false)).toBeUndefined();
    expect(commandFor(key('k', { ctrlKey: true }), { ...page, typing: true }, false)).toBe('palette');
  });

  it('leaves every key to the code editor and the terminal, to an open dialog, to an IME and to a handler that took it', () => {
    const palette = key('k', { ctrlKey: true });
    expect(commandFor(palette, { ...page, ownKeys: true }, false)).toBeUndefined();
    expect(commandFor(palette, { ...page, modal: true }, false)).toBeUndefined();
    expect(commandFor({ ...palette, isComposing: true }, page, false)).toBeUndefined();
    expect(commandFor({ ...palette, defaultPrevented: true }, page, false)).toBeUndefined();
  });

  it('shows keys the platform way', () => {
    expect(keyLabel('CmdOrCtrl+K', false)).toBe('Ctrl+K');
    expect(keyLabel('CmdOrCtrl+K', true)).toBe('⌘K');
    expect(keyLabel('?', true)).toBe('?');
  });
});
