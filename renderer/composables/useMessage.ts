import { useI18n } from 'vue-i18n';
import type { Message } from '../shared/message';

type Translate = (key: string, params: Record<string, string | number>, plural?: number) => string;

/** A translator of domain messages with this `t`: nested messages in the same language, lists joined. */
export function messageTranslator(t: Translate): (message: Message) => string {
  const translate = (message: Message): string => {
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(message.params ?? {})) {
      if (Array.isArray(value)) params[name] = value.map(translate).join(t('app.listSeparator', {}));
      else params[name] = typeof value === 'object' ? translate(value) : value;
    }
    return message.plural === undefined ? t(message.key, params) : t(message.key, params, message.plural);
  };
  return translate;
}

/** Translates a domain message (key + params + optional plural count) in the current language. */
export function useMessage() {
  const { t } = useI18n();
  return messageTranslator((key, params, plural) => (plural === undefined ? t(key, params) : t(key, params, plural)));
}
