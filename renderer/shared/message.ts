/** A translatable message: the domain names the catalogue key and its parameters, the view translates it. */
export interface Message {
  key: string;
  /** A parameter may itself be a message (or a list of them, joined), translated in the same language. */
  params?: Record<string, string | number | Message | Message[]>;
  /** vue-i18n plural choice, when the message has plural forms. */
  plural?: number;
}
