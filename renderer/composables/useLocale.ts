import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { applyDocumentLanguage, rememberLocale, type Locale } from '../i18n/locale';

/** The app language, switchable from any component; the choice is remembered and sets <html lang>. */
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  const current = computed<Locale>(() => (locale.value === 'zh-CN' ? 'zh-CN' : 'en'));
  function set(next: Locale): void {
    locale.value = next;
    rememberLocale(next);
    applyDocumentLanguage(next);
  }
  return { locale: current, set };
}
