import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';
import { applyDocumentLanguage, initialLocale, type Locale } from './locale';

export type { Locale } from './locale';
export { locales } from './locale';

export const messages = { en, 'zh-CN': zhCN };

// Named formats for d(); a name no locale defines is a miss like a missing key (the editor's "Draft saved" time).
const short = { hour: 'numeric', minute: '2-digit', second: '2-digit' } as const;
export const datetimeFormats = { en: { short }, 'zh-CN': { short } };

/**
 * Keys asked for that the catalogue of the locale in use does not hold, as `locale:key`. Always on (a Set of strings
 * is cheap): a key built at run time (a phase, a reason) can miss where no type check sees it, and the zh-CN scan
 * (tests/e2e/chinese.spec.ts) reads the list from `window.__i18nMissing`.
 */
const missed = new Set<string>();

function recordMissing(locale: string, key: string): void {
  missed.add(`${locale}:${key}`);
  (globalThis as { __i18nMissing?: string[] }).__i18nMissing = [...missed];
}

export function createAppI18n(locale: Locale = initialLocale()) {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    datetimeFormats,
    missing: (missingLocale, key) => {
      recordMissing(missingLocale, key);
    },
  });
  applyDocumentLanguage(locale);
  return i18n;
}
