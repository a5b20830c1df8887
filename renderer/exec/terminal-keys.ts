import { matches, TERMINAL_KEYS, type KeyPress, type TerminalKeyAction } from '../../common/keymap';

// The terminal's key sequences (TERMINAL_KEYS): an Escape is held back until the next key says what it was. Escape
// then a key of the table does that key's action; Escape then any other key sends the Escape to the shell first and
// lets the key go on as usual, so vi and readline still get theirs. Modifier keys alone (the Shift of Shift+Tab)
// wait with it.

const ESCAPE = '\u001b';
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export interface TerminalKeyEvent extends KeyPress {
  type: string;
  isComposing: boolean;
  preventDefault(): void;
}

export interface TerminalKeyOut {
  /** Text for the shell: the Escape held back. */
  send(data: string): void;
  act(action: TerminalKeyAction): void;
}

/** A key handler for xterm's attachCustomKeyEventHandler: false when the key was taken here. */
export function terminalKeys(mac: boolean, out: TerminalKeyOut): (event: TerminalKeyEvent) => boolean {
  let held = false;
  return (event) => {
    if (event.type !== 'keydown' || event.isComposing || MODIFIERS.has(event.key)) return true;
    if (!held) {
      held = matches('Escape', event, mac);
      // Taken here, the browser's own action for it is too: a modal dialog's close request.
      if (held) event.preventDefault();
      return !held;
    }
    held = false;
    const found = TERMINAL_KEYS.find((k) => matches(k.keys[1], event, mac));
    if (found) {
      // xterm leaves a key it was told to skip to the browser, whose Tab would move the focus once more.
      event.preventDefault();
      out.act(found.action);
      return false;
    }
    out.send(ESCAPE);
    return true;
  };
}
