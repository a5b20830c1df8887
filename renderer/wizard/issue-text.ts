import type { Issue } from './form';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The text of an issue: the server's own words, or the catalogue's message for its code. */
export function issueText(t: Translate, issue: Issue): string {
  return issue.message ?? t(`wizard.issue.${issue.code}`, issue.params ?? {});
}

let counter = 0;
/** A unique element id for label/input/description wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `wz-${prefix}-${counter}`;
}
