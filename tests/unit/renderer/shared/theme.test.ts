import { describe, expect, it } from 'vitest';
import { isThemeChoice, resolveTheme } from '../../../../renderer/styles/theme';

describe('theme choice', () => {
  it('System follows the OS; Light and Dark ignore it', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('a remembered value that is not a choice is refused (it falls back to System)', () => {
    expect(['system', 'light', 'dark'].every(isThemeChoice)).toBe(true);
    expect(isThemeChoice('Dark')).toBe(false);
    expect(isThemeChoice(null)).toBe(false);
  });
});
