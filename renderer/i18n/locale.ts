export type Locale = 'en' | 'zh-CN';
export const locales: Locale[] = ['en', 'zh-CN'];

const STORAGE_KEY = 'everynode.locale';

/** zh, zh-CN, zh-Hans... → zh-CN; everything else → English. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Some sandboxed pages throw on access; the choice is then simply not remembered.
    return undefined;
  }
}

/** The remembered choice, else the OS/browser language. */
export function initialLocale(): Locale {
  const saved = storage()?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return localeFromLanguage(globalThis.navigator?.language);
}

export function rememberLocale(locale: Locale): void {
  storage()?.setItem(STORAGE_KEY, locale);
}

/** Sets <html lang>, so screen readers and fonts follow the app's language (no document outside a page). */
export function applyDocumentLanguage(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
