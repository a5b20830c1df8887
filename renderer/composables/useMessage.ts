import { useI18n } from 'vue-i18n';
import type { Message } from '../domain/message';

/** Translates a domain message (key + params + optional plural count) in the current language. */
export function useMessage() {
  const { t } = useI18n();
  return (message: Message): string =>
    message.plural === undefined
      ? t(message.key, message.params ?? {})
      : t(message.key, message.params ?? {}, message.plural);
}
