import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';
import { applyDocumentLanguage, initialLocale, type Locale } from './locale';

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
