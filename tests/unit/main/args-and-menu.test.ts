import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { parseMainArgs } from '../../../electron/main/args.js';
import { menuTemplate } from '../../../electron/main/menu.js';

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
  const actions = { isMac: false, addKubeconfig: vi.fn(), about: vi.fn() };

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
    (file[0]?.click as () => void)();
    (help[0]?.click as () => void)();
    expect(actions.addKubeconfig).toHaveBeenCalledOnce();
    expect(actions.about).toHaveBeenCalledOnce();
  });
});
