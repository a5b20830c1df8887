import type { ConsentRequest, EverynodeServices } from '../contract/index.js';
import { AppError } from '../backend/index.js';

/**
 * How a host lets the user answer consent questions. The desktop app puts them in native dialogs from the main
 * process, which a compromised renderer cannot answer; the browser host has no such place (the page is the UI), so
 * there the page answers, and the allowlist is only set from the host's command line or consent.json.
 */
export type ConsentPolicy =
  | {
      kind: 'native';
      /** Asks the user in a dialog of its own; 'cancel' leaves the request pending. */
      confirmProgram(request: ConsentRequest): Promise<'allow' | 'deny' | 'cancel'>;
      /** Asks before programs are added to the allowlist. */
      confirmAllowlist(added: string[]): Promise<boolean>;
    }
  | { kind: 'page' };

type ConsentServices = EverynodeServices['consent'];

export function hostConsent(consent: ConsentServices, policy: ConsentPolicy): ConsentServices {
  if (policy.kind === 'page') {
    return {
      pending: () => consent.pending(),
      decide: (requestId, allow) => consent.decide(requestId, allow),
      list: async () => ({ ...(await consent.list()), allowlistEditable: false }),
      revoke: (decisionId) => consent.revoke(decisionId),
      setAllowlist: () =>
        Promise.reject(
          new AppError(
            'unsupported',
            'In the browser host, the allowlist is set on its command line (--allow-program) or in consent.json, not from the page.',
          ),
        ),
    };
  }
  return {
    pending: () => consent.pending(),
    // The page may ask, never answer: "Don't run" is safe from anyone, "Allow" is the user's answer in the dialog.
    decide: async (requestId, allow) => {
      if (!allow) return consent.decide(requestId, false);
      const request = (await consent.pending()).find((r) => r.id === requestId);
      if (!request) return consent.decide(requestId, true);
      const answer = await policy.confirmProgram(request);
      if (answer === 'cancel') {
        throw new AppError('invalid-argument', 'Nothing was decided: the question was closed without an answer.');
      }
      return consent.decide(requestId, answer === 'allow');
    },
    list: async () => ({ ...(await consent.list()), allowlistEditable: true }),
    revoke: (decisionId) => consent.revoke(decisionId),
    setAllowlist: async (entries) => {
      const before = new Set((await consent.list()).allowlist);
      const added = [...new Set(entries.map((e) => e.trim()).filter((e) => e !== '' && !before.has(e)))];
      if (added.length > 0 && !(await policy.confirmAllowlist(added))) {
        throw new AppError('invalid-argument', 'The allowlist was not changed: you did not confirm it.');
      }
      return consent.setAllowlist(entries);
    },
  };
}
