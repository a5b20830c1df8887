import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';
import { initialLocale, rememberLocale, type Locale } from './locale';

export type { Locale } from './locale';
export { locales } from './locale';

export const messages = { en, 'zh-CN': zhCN };

export function createAppI18n(locale: Locale = initialLocale()) {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
  applyDocumentLanguage(locale);
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

export function setLocale(i18n: AppI18n, locale: Locale): void {
  i18n.global.locale.value = locale;
  rememberLocale(locale);
  applyDocumentLanguage(locale);
}

function applyDocumentLanguage(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
