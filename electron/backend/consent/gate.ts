import type { ConsentRequest, CredentialProgram } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { allowlisted, consentId, credentialPrograms } from './program.js';
import type { ConsentStore } from './store.js';

/** Where a context's user stanza came from. */
export interface ProgramOrigin {
  /** The kubeconfig the app generated itself for its built-in sandbox: its plugin is the app's own. */
  trusted: boolean;
  /** The file path, or "upload: <name>" for an uploaded kubeconfig. */
  file: string;
}

interface Pending {
  request: ConsentRequest;
  program: CredentialProgram;
}

/**
 * Decides, before any client exists for a context, whether its credential programs may run: trusted origin,
 * allowlisted, or allowed by the user for this (file, command, args). Otherwise the first program that may not run
 * becomes the one pending request, which the renderer shows until the user answers.
 */
export class ConsentGate {
  private current: Pending | undefined;

  constructor(
    readonly store: ConsentStore,
    private readonly onChange: (request: ConsentRequest | null) => void,
  ) {}

  /** The ids of the programs this user would run from that origin (to know whom a revocation concerns). */
  idsFor(user: Record<string, unknown> | undefined, origin: ProgramOrigin): string[] {
    return origin.trusted ? [] : credentialPrograms(user).map((p) => consentId(origin.file, p));
  }

  /** Undefined when the context may connect; else the request now pending. Runs nothing. */
  check(context: string, user: Record<string, unknown> | undefined, origin: ProgramOrigin): ConsentRequest | undefined {
    if (!origin.trusted) {
      for (const program of credentialPrograms(user)) {
        if (allowlisted(program, this.store.allowlistEntries())) continue;
        const id = consentId(origin.file, program);
        const decision = this.store.decision(id);
        if (decision?.allowed === true) continue;
        const request: ConsentRequest = { id, context, file: origin.file, program, denied: decision !== undefined };
        this.set({ request, program });
        return request;
      }
    }
    this.set(undefined);
    return undefined;
  }

  pending(): ConsentRequest | null {
    return this.current?.request ?? null;
  }

  /** Records the answer to the pending request; returns its context (to connect, or to show as refused). */
  async decide(requestId: string, allow: boolean): Promise<string> {
    const pending = this.current;
    if (pending?.request.id !== requestId) {
      throw new AppError('not-found', 'That request is no longer pending; the context may have changed.');
    }
    await this.store.decide(pending.request.file, pending.program, allow);
    return pending.request.context;
  }

  clear(): void {
    this.set(undefined);
  }

  private set(next: Pending | undefined): void {
    const before = JSON.stringify(this.current?.request ?? null);
    this.current = next;
    if (JSON.stringify(next?.request ?? null) !== before) this.onChange(next?.request ?? null);
  }
}
