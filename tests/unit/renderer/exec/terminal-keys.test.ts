import { describe, expect, it } from 'vitest';
import { terminalKeys } from '../../../../renderer/exec/terminal-keys';

const down = (key: string, shiftKey = false) => ({
  type: 'keydown',
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey,
  isComposing: false,
  preventDefault: () => undefined,
});

/** Feeds key presses and records what reached the shell, what xterm was left and what was done. */
function run(...presses: ReturnType<typeof down>[]) {
  const log: string[] = [];
  const handle = terminalKeys(false, { send: (d) => log.push(`send ${JSON.stringify(d)}`), act: (a) => log.push(a) });
  for (const p of presses) log.push(`${p.key}${handle(p) ? ' to xterm' : ' taken'}`);
  return log;
}

describe('the terminal keys', () => {
  it('leaves forward on Escape then Tab, back on Escape then Shift+Tab (the Shift alone waits)', () => {
    expect(run(down('Escape'), down('Tab'))).toEqual(['Escape taken', 'next', 'Tab taken']);
    expect(run(down('Escape'), down('Shift', true), down('Tab', true))).toEqual([
      'Escape taken',
      'Shift to xterm',
      'previous',
      'Tab taken',
    ]);
  });

  it('closes on Escape twice, and starts over after', () => {
    expect(run(down('Escape'), down('Escape'), down('Tab'))).toEqual([
      'Escape taken',
      'close',
      'Escape taken',
      'Tab to xterm',
    ]);
  });

  it('sends a held Escape to the shell before any other key, which goes on as usual', () => {
    expect(run(down('Escape'), down(':'), down('Tab'))).toEqual([
      'Escape taken',
      'send "\\u001b"',
      ': to xterm',
      'Tab to xterm',
    ]);
  });

  it('leaves Tab to the shell without an Escape before it, and ignores key-up and composing events', () => {
    const handle = terminalKeys(false, { send: () => undefined, act: () => undefined });
    expect(handle(down('Tab'))).toBe(true);
    expect(handle({ ...down('Escape'), type: 'keyup' })).toBe(true);
    expect(handle({ ...down('Escape'), isComposing: true })).toBe(true);
  });

  it('keeps the browser from acting on a key it takes (its Tab would move the focus again)', () => {
    const handle = terminalKeys(false, { send: () => undefined, act: () => undefined });
    const prevented: string[] = [];
    for (const key of ['Escape', 'Tab', 'Escape', 'a'])
      handle({ ...down(key), preventDefault: () => prevented.push(key) });
    expect(prevented).toEqual(['Escape', 'Tab', 'Escape']);
  });
});
