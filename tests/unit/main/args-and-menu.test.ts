import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { parseMainArgs } from '../../../electron/main/args.js';
import { menuTemplate } from '../../../electron/main/menu.js';
import { DESKTOP_SHORTCUTS, SHORTCUTS } from '../../../common/keymap.js';

vi.mock('electron', () => ({}));

describe('Electron command line', () => {
  it('takes kubeconfig files and the sandbox-cluster switch, ignoring Chromium switches', () => {
    expect(parseMainArgs(['/app/main.cjs', '--no-sandbox', '--enable-logging'])).toEqual({
      kubeconfigs: [],
      sandbox: 'auto',
    });
    expect(parseMainArgs(['--kubeconfig', 'a.yaml', '--kubeconfig=b.yaml'])).toEqual({
      kubeconfigs: ['a.yaml', 'b.yaml'],
      sandbox: 'off',
    });
    expect(parseMainArgs(['--kubeconfig', 'a.yaml', '--everynode-sandbox=on']).sandbox).toBe('on');
    expect(parseMainArgs(['--everynode-sandbox=off']).sandbox).toBe('off');
  });
});

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    String(item.label ?? item.role ?? item.type),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  const actions = { isMac: false, addKubeconfig: vi.fn(), about: vi.fn(), command: vi.fn() };

  it('offers Add kubeconfig, Quit, Edit, Reload and About; DevTools only in development', () => {
    const release = labels(menuTemplate({ ...actions, dev: false }));
    expect(release).toEqual(
      expect.arrayContaining(['Add kubeconfig…', 'quit', 'editMenu', 'reload', 'About Everynode']),
    );
    expect(release).not.toContain('toggleDevTools');
    expect(labels(menuTemplate({ ...actions, dev: true }))).toContain('toggleDevTools');
  });

  it('runs the actions it names', () => {
    const template = menuTemplate({ ...actions, dev: false });
    const file = template.find((item) => item.label === 'File')?.submenu as MenuItemConstructorOptions[];
    const help = template.find((item) => item.role === 'help')?.submenu as MenuItemConstructorOptions[];
    (file.find((item) => item.label === 'Add kubeconfig…')?.click as () => void)();
    (help.find((item) => item.label === 'About Everynode')?.click as () => void)();
    expect(actions.addKubeconfig).toHaveBeenCalledOnce();
    expect(actions.about).toHaveBeenCalledOnce();
  });
});

function items(list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return list.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

describe('menu accelerators come from the keymap table (common/keymap.ts)', () => {
  const actions = { isMac: false, dev: false, addKubeconfig: vi.fn(), about: vi.fn(), command: vi.fn() };
  const all = items(menuTemplate(actions));

  it('lists every shortcut of the table with its key, each item sending its command to the page', () => {
    for (const shortcut of SHORTCUTS) {
      const item = all.filter((i) => i.accelerator === shortcut.key);
      expect(item, shortcut.key).toHaveLength(1);
      (item[0]?.click as () => void)();
      expect(actions.command).toHaveBeenLastCalledWith(shortcut.command);
    }
    expect(actions.command).toHaveBeenCalledTimes(SHORTCUTS.length);
  });

  it('leaves the page its keys: only the main process’s own action registers an accelerator', () => {
    const registered = all.filter((i) => i.accelerator !== undefined && i.registerAccelerator !== false);
    expect(registered.map((i) => i.accelerator)).toEqual([DESKTOP_SHORTCUTS.addKubeconfig]);
    // No accelerator that is not in the table.
    const known = new Set<string>([...SHORTCUTS.map((s) => s.key), ...Object.values(DESKTOP_SHORTCUTS)]);
    for (const item of all) if (item.accelerator !== undefined) expect(known.has(String(item.accelerator))).toBe(true);
  });
});
