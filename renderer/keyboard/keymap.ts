import { matches, SHORTCUTS, type KeyCommand, type KeyPress } from '../../common/keymap';

// Which of the app's shortcuts a keydown is, if any, after the keys that belong to someone else:
// - the code editor (CodeMirror) and the terminal (xterm.js) keep every key while they have the focus;
// - a modal dialog (the wizard, edit mode, a confirmation) has the keyboard to itself: Escape, Tab and Enter do
//   what that dialog says, and no page shortcut acts behind it;
// - a text field keeps the characters it types: `/`, `?`, `C` and the digits act only outside one, the palette's
//   CmdOrCtrl+K also inside one;
// - a key another handler already took (defaultPrevented) and a key pressed while composing (an IME) are left alone.

/** Where the keys are the focused widget's own. */
const OWN_KEYS = '.cm-editor, .xterm';

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether the focus is where typing a character enters text. */
export function isTextEntry(target: Element | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/** Whether a modal dialog is open: page shortcuts wait until it closes. */
export const modalOpen = (doc: Document = document): boolean => doc.querySelector('dialog:modal') !== null;

/** Where a key press lands, as far as the keymap cares. */
export interface KeyTarget {
  /** The code editor or the terminal has the focus. */
  ownKeys: boolean;
  /** The focus is in a text field (typing a character enters text). */
  typing: boolean;
  /** A modal dialog is open. */
  modal: boolean;
}

/** Where a keydown event lands in the document. */
export function keyTarget(event: Event, doc: Document = document): KeyTarget {
  // The code editor lives in a shadow root: at the window, `target` is retargeted to its host element, so the
  // element the key really went to is the first of the composed path.
  const first = event.composedPath()[0] ?? event.target;
  const target = first instanceof Element ? first : null;
  return { ownKeys: Boolean(target?.closest(OWN_KEYS)), typing: isTextEntry(target), modal: modalOpen(doc) };
}

/** The command a page-level keydown asks for, or undefined when the key is not ours to take. */
export function commandFor(
  press: KeyPress & { defaultPrevented: boolean; isComposing: boolean },
  where: KeyTarget,
  mac: boolean,
): KeyCommand | undefined {
  if (press.defaultPrevented || press.isComposing || where.ownKeys || where.modal) return undefined;
  return SHORTCUTS.find((s) => (s.scope === 'anywhere' || !where.typing) && matches(s.key, press, mac))?.command;
}

/** A key as the shortcuts dialog and the palette show it: "Ctrl+K" (or "⌘K" on a Mac), "?", "C". */
export function keyLabel(key: string, mac: boolean): string {
  if (mac) return key.replace('CmdOrCtrl+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥');
  return key.replace('CmdOrCtrl', 'Ctrl');
}

/** The shortcut of a command, as keyLabel shows it. */
export function shortcutLabel(command: KeyCommand, mac: boolean): string | undefined {
  const shortcut = SHORTCUTS.find((s) => s.command === command);
  return shortcut ? keyLabel(shortcut.key, mac) : undefined;
}

/**
 * The keydown handler of a dialog that holds typed work (the wizard): Escape closes popups only, never the dialog,
 * however often it comes (a modal <dialog> would take it as a request to close, and Chromium stops letting a page
 * refuse that once Escape comes twice in a row, so its default is prevented here, on keydown). The dialog closes
 * with its Close button, keeping the draft.
 */
export function keepOpenOnEscape(event: KeyboardEvent): void {
  if (event.key === 'Escape') event.preventDefault();
}
