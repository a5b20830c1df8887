import { readonly, ref } from 'vue';

/** The user's choice: follow the OS, or one theme whatever the OS says. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';
export const themeChoices: ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'everynode.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Some sandboxed pages throw on access; the choice is then simply not remembered.
    return undefined;
  }
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The theme a choice comes to, given whether the OS asks for dark. */
export function resolveTheme(choice: ThemeChoice, osDark: boolean): Theme {
  if (choice === 'system') return osDark ? 'dark' : 'light';
  return choice;
}

const savedChoice = storage()?.getItem(STORAGE_KEY);
const choice = ref<ThemeChoice>(isThemeChoice(savedChoice) ? savedChoice : 'system');
const query = globalThis.matchMedia?.(DARK_QUERY);
const theme = ref<Theme>(resolveTheme(choice.value, query?.matches ?? false));

// One attribute on <html> carries the theme: base.css reads it, and so does `color-scheme` (native controls,
// scrollbars). CodeMirror and xterm, which take colours in code, watch `theme`.
function apply(): void {
  theme.value = resolveTheme(choice.value, query?.matches ?? false);
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme.value;
}

/** Sets the theme before the app mounts (no light flash on a dark OS) and follows the OS while the choice is System. */
export function installTheme(): void {
  apply();
  query?.addEventListener('change', apply);
}

/** The current choice and the theme it comes to; `choose` applies and remembers a new choice. */
export function useTheme() {
  function choose(next: ThemeChoice): void {
    choice.value = next;
    storage()?.setItem(STORAGE_KEY, next);
    apply();
  }
  return { choice: readonly(choice), theme: readonly(theme), choose };
}

/** A colour token's current value, for libraries that take colours in code (xterm draws on a canvas). */
export function tokenColour(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
