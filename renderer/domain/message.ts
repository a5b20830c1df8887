/** A translatable message: the domain names the catalogue key and its parameters, the view translates it. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
  /** vue-i18n plural choice, when the message has plural forms. */
  plural?: number;
}
