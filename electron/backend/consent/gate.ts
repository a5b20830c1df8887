import type { ConsentRequest } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { findExecutable, userPath } from './executable.js';
import { planUser } from './launch.js';
import { allowlisted, consentId, subjectOf, type ConsentSubject } from './program.js';
import { buildLaunch, clientUser, shownProgram, type Launch } from './spawn-model.js';
import type { ConsentStore } from './store.js';

/** Where a context's user stanza came from. */
export interface ProgramOrigin {
  /** The kubeconfig the app generated itself for its built-in sandbox: its plugin is the app's own. */
  trusted: boolean;
  /** What the user recognises: the file path, or "upload: <name>" for an uploaded kubeconfig. */
  file: string;
  /** What a decision is keyed on: the file's real path, or an upload's content hash. */
  identity: string;
  /** False for an upload: a relative command has no directory there. */
  hasDirectory: boolean;
}

export type GateOutcome =
  /** The stanza cannot be used as written, or its program does not exist: nothing can run. */
  | { kind: 'refused'; problem: string }
  /** The user has to answer first (or refused before): nothing ran. */
  | { kind: 'needs-consent'; request: ConsentRequest; consentId: string; subject: ConsentSubject }
  /** May connect with exactly this user stanza; `launch` is the program it will run, if any. */
  | { kind: 'ready'; user: Record<string, unknown>; launch?: Launch; consentId?: string };

type Pending = Extract<GateOutcome, { kind: 'needs-consent' }>;

/**
 * Decides, before any client exists for a context, what its user stanza would run and whether it may: trusted
 * origin, allowlisted, or allowed by the user for exactly this subject. Otherwise that program becomes the context's
 * pending request, which the host shows until the user answers; each context has at most one. Runs nothing itself.
 * `check` only reads; the caller makes the outcome of a context's latest connection attempt its pending one with
 * `present` (an older check may finish later).
 */
export class ConsentGate {
  /** Per context, in the order they started waiting. */
  private readonly waiting = new Map<string, Pending>();

  constructor(
    readonly store: ConsentStore,
    private readonly onChange: () => void,
    private readonly searchPath: () => Promise<string> = userPath,
  ) {}

  async check(
    context: string,
    userName: string,
    user: Record<string, unknown> | undefined,
    origin: ProgramOrigin,
  ): Promise<GateOutcome> {
    const plan = planUser(userName, user, origin.hasDirectory);
    if (!plan.ok) return { kind: 'refused', problem: `Context "${context}": ${plan.problem}` };
    if (!plan.program) return { kind: 'ready', user: clientUser(plan.fields, undefined) };
    const searchPath = await this.searchPath();
    const executable = await findExecutable(plan.program.command, searchPath);
    if (executable === undefined) {
      const where = plan.program.command.includes('/') ? 'does not exist or is not executable' : 'is not on your PATH';
      return {
        kind: 'refused',
        problem: `Context "${context}": the credential program "${plan.program.command}" ${where}; nothing was run.`,
      };
    }
    const launch = buildLaunch(plan.program, executable, searchPath);
    const subject = subjectOf(origin.identity, launch);
    const id = consentId(subject);
    const ready: GateOutcome = { kind: 'ready', user: clientUser(plan.fields, launch), launch, consentId: id };
    if (origin.trusted || allowlisted(launch, this.store.allowlistEntries())) return ready;
    const decision = this.store.decision(id);
    if (decision?.allowed === true) return ready;
    const request: ConsentRequest = {
      id,
      context,
      file: origin.file,
      program: shownProgram(launch),
      denied: decision !== undefined,
    };
    return { kind: 'needs-consent', request, consentId: id, subject };
  }

  /** Makes this outcome's request the context's pending one (or clears it). */
  present(context: string, outcome: GateOutcome): void {
    const before = this.signature();
    if (outcome.kind === 'needs-consent') {
      // A request that changed moves to the end: it is a new question.
      if (JSON.stringify(this.waiting.get(context)?.request) !== JSON.stringify(outcome.request)) {
        this.waiting.delete(context);
      }
      this.waiting.set(context, outcome);
    } else {
      this.waiting.delete(context);
    }
    if (this.signature() !== before) this.onChange();
  }

  /** Every context's pending request, oldest first. */
  pending(): ConsentRequest[] {
    return [...this.waiting.values()].map((p) => p.request);
  }

  /**
   * Records the answer to a pending request; returns the contexts waiting for it (to connect, or to show as
   * refused): two contexts whose users run the same program from the same file share one decision.
   */
  async decide(requestId: string, allow: boolean): Promise<string[]> {
    const waiting = [...this.waiting.values()].filter((p) => p.request.id === requestId);
    const [first] = waiting;
    if (!first) throw new AppError('not-found', 'That request is no longer pending; the context may have changed.');
    await this.store.decide(first.request.file, first.request.program.kind, first.subject, allow);
    return waiting.map((p) => p.request.context);
  }

  /** The context no longer waits (gone, disconnected, or connecting another way). */
  clear(context: string): void {
    this.present(context, { kind: 'refused', problem: '' });
  }

  private signature(): string {
    return JSON.stringify(this.pending());
  }
}
