// The app's keyboard shortcuts, one table for the renderer's keymap (renderer/keyboard/), the shortcuts dialog and
// the desktop app's menu accelerators (electron/main/menu.ts). It lives in common/ because both sides read it.
//
// A key is written as Electron writes an accelerator ("CmdOrCtrl+K", "Shift+/" is written "?"), so the menu shows
// exactly the key the renderer answers to. `CmdOrCtrl` is Cmd on macOS and Ctrl elsewhere.

/** What a shortcut does. The renderer runs every one; the menu sends it the command (`onDidChooseCommand`). */
export const KEY_COMMANDS = [
  'palette',
  'shortcuts',
  'search',
  'createDaemonSet',
  'openList',
  'openNodes',
  'openFleet',
  'openClusters',
] as const;
export type KeyCommand = (typeof KEY_COMMANDS)[number];

export interface Shortcut {
  command: KeyCommand;
  /** The accelerator, as Electron spells it. */
  key: string;
  /**
   * Where it acts: `anywhere` also while a text field has the focus (not in the code editor, which keeps its keys);
   * `page` only when the focus is not in a field, so the characters stay typeable.
   */
  scope: 'anywhere' | 'page';
  /** The menu that lists it in the desktop app. */
  menu: 'file' | 'view' | 'go' | 'help';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'palette', key: 'CmdOrCtrl+K', scope: 'anywhere', menu: 'view' },
  { command: 'search', key: '/', scope: 'page', menu: 'view' },
  { command: 'shortcuts', key: '?', scope: 'page', menu: 'help' },
  { command: 'createDaemonSet', key: 'C', scope: 'page', menu: 'file' },
  { command: 'openList', key: '1', scope: 'page', menu: 'go' },
  { command: 'openNodes', key: '2', scope: 'page', menu: 'go' },
  { command: 'openFleet', key: '3', scope: 'page', menu: 'go' },
  { command: 'openClusters', key: '4', scope: 'page', menu: 'go' },
];

/**
 * The desktop app's own keys, for actions of the main process (a native dialog): the menu registers them, the page
 * never sees them, and the browser host has no such action, so a key the browser reserves is fine here.
 */
export const DESKTOP_SHORTCUTS = { addKubeconfig: 'CmdOrCtrl+O' } as const;

/**
 * Keys a browser keeps for itself (tabs, windows, the address bar, history, find, print, reload, zoom) or that
 * Chromium never lets a page see: no shortcut of ours may use one, in the desktop app either, so the same keys work
 * in both hosts. A test checks the table against this list.
 */
export const BROWSER_RESERVED: readonly string[] = [
  'CmdOrCtrl+T',
  'CmdOrCtrl+W',
  'CmdOrCtrl+N',
  'CmdOrCtrl+L',
  'CmdOrCtrl+Shift+T',
  'CmdOrCtrl+Shift+N',
  'CmdOrCtrl+Shift+W',
  'CmdOrCtrl+Tab',
  'CmdOrCtrl+Shift+Tab',
  'CmdOrCtrl+PageUp',
  'CmdOrCtrl+PageDown',
  'CmdOrCtrl+R',
  'CmdOrCtrl+Shift+R',
  'CmdOrCtrl+Q',
  'CmdOrCtrl+H',
  'CmdOrCtrl+J',
  'CmdOrCtrl+D',
  'CmdOrCtrl+F',
  'CmdOrCtrl+G',
  'CmdOrCtrl+P',
  'CmdOrCtrl+S',
  'CmdOrCtrl+O',
  'CmdOrCtrl+U',
  'CmdOrCtrl+E',
  'CmdOrCtrl+Plus',
  'CmdOrCtrl+-',
  'CmdOrCtrl+0',
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].flatMap((n) => [`CmdOrCtrl+${n}`, `Alt+${n}`]),
  'Alt+Left',
  'Alt+Right',
  'Alt+Home',
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F11',
  'F12',
];

/** A key press as a keydown event describes it (the subset of KeyboardEvent the match needs). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Whether `press` is the accelerator `key` on this platform. A printable key without a modifier ("/", "?", "C")
 * matches the character typed, Shift aside (Shift+/ types "?" on a US keyboard, something else elsewhere), so it
 * works on any layout that can type it; a letter matches either case without Shift only.
 */
export function matches(key: string, press: KeyPress, mac: boolean): boolean {
  const parts = key.split('+');
  const base = parts.pop() ?? '';
  const wants = new Set(parts);
  const mod = wants.has('CmdOrCtrl');
  const ctrl = wants.has('Ctrl') || (mod && !mac);
  const meta = wants.has('Cmd') || (mod && mac);
  if (press.ctrlKey !== ctrl || press.metaKey !== meta || press.altKey !== wants.has('Alt')) return false;
  if (/^[A-Z]$/.test(base)) return press.key.toUpperCase() === base && press.shiftKey === wants.has('Shift');
  // A named key (Tab, Escape, PageUp): Shift is part of the accelerator, as Tab and Shift+Tab differ.
  if (base.length > 1) return press.key === base && press.shiftKey === wants.has('Shift');
  // Punctuation and digits: the character decides; Shift is part of typing it.
  return press.key === base;
}

/** What a key sequence does in a terminal, which otherwise sends every key (Tab too) to the shell. */
export type TerminalKeyAction = 'next' | 'previous' | 'close';

/**
 * The terminal's own keys (renderer/exec/terminal-keys.ts), listed by the `?` dialog and the hint under the
 * terminal. Each is Escape then one more key, because xterm needs Tab (completion) and Escape (vi, readline) alike:
 * an Escape followed by any key not listed here still reaches the shell, just before that key.
 */
export const TERMINAL_KEYS: readonly { action: TerminalKeyAction; keys: readonly [string, string] }[] = [
  { action: 'next', keys: ['Escape', 'Tab'] },
  { action: 'previous', keys: ['Escape', 'Shift+Tab'] },
  { action: 'close', keys: ['Escape', 'Escape'] },
];
