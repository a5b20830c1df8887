// Moving the focus as Tab and Shift+Tab would, for a widget that keeps Tab for itself (the terminal): the next or
// previous control in document order, inside the open modal dialog when there is one (its page behind is inert),
// wrapping around at either end as a dialog's focus does.

const CANDIDATES = 'a[href], button, input, select, textarea, [tabindex]';

function tabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.closest('[inert]')) return false;
  if ('disabled' in el && (el as HTMLButtonElement).disabled) return false;
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** Focuses the control after (1) or before (-1) `from`; false when there is none. */
export function focusNeighbour(from: Element, direction: 1 | -1): boolean {
  const scope = from.closest('dialog[open]') ?? from.ownerDocument.body;
  const all = [...scope.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => el === from || tabbable(el));
  const at = all.indexOf(from as HTMLElement);
  if (all.length - (at >= 0 ? 1 : 0) === 0) return false;
  const index = at >= 0 ? at + direction : direction === 1 ? 0 : -1;
  const next = all[(index + all.length) % all.length];
  next?.focus();
  return next !== undefined;
}
