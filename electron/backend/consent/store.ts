import path from 'node:path';
import type { ConsentDecision, ConsentSettings, CredentialProgram } from '../../contract/index.js';
import { PrivateFile } from '../private-file.js';
import { consentId } from './program.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The user's answers about credential programs (consent.json in the state directory, through the private-file
 * writer) and the allowlist. Holds commands and arguments only: nothing a program printed, no environment values.
 */
export class ConsentStore {
  private decisions = new Map<string, ConsentDecision>();
  private allowlist: string[] = [];
  private readonly file: PrivateFile;

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'consent.json'));
  }

  async load(): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await this.file.read()) ?? '');
    } catch {
      // Missing or damaged: every program asks again, which is the safe side.
      parsed = undefined;
    }
    this.decisions = new Map();
    this.allowlist = [];
    if (!isRecord(parsed)) return;
    if (Array.isArray(parsed.allowlist)) {
      this.allowlist = parsed.allowlist.filter((e): e is string => typeof e === 'string' && e !== '');
    }
    for (const entry of Array.isArray(parsed.decisions) ? parsed.decisions : []) {
      const decision = readDecision(entry);
      // An entry whose key does not match its own contents was edited by hand: ignored, so it cannot allow anything.
      if (decision && decision.id === consentId(decision.file, programOf(decision))) {
        this.decisions.set(decision.id, decision);
      }
    }
  }

  decision(id: string): ConsentDecision | undefined {
    return this.decisions.get(id);
  }

  settings(): ConsentSettings {
    return {
      decisions: [...this.decisions.values()].sort((a, b) => b.decidedAt - a.decidedAt),
      allowlist: [...this.allowlist],
    };
  }

  allowlistEntries(): readonly string[] {
    return this.allowlist;
  }

  decide(file: string, program: CredentialProgram, allowed: boolean, now = Date.now()): Promise<void> {
    const id = consentId(file, program);
    const { kind, command, args } = program;
    this.decisions.set(id, { id, file, kind, command, args: [...args], allowed, decidedAt: now });
    return this.save();
  }

  /** False when there was no such decision. */
  async revoke(id: string): Promise<boolean> {
    if (!this.decisions.delete(id)) return false;
    await this.save();
    return true;
  }

  setAllowlist(entries: string[]): Promise<void> {
    this.allowlist = [...new Set(entries.map((e) => e.trim()).filter((e) => e !== ''))];
    return this.save();
  }

  flushed(): Promise<void> {
    return this.file.flushed();
  }

  private save(): Promise<void> {
    return this.file.write(JSON.stringify(this.settings(), null, 2));
  }
}

const programOf = (d: ConsentDecision): CredentialProgram => ({
  kind: d.kind,
  command: d.command,
  args: d.args,
  envNames: [],
});

function readDecision(value: unknown): ConsentDecision | undefined {
  if (!isRecord(value)) return undefined;
  const { id, file, kind, command, args, allowed, decidedAt } = value;
  if (typeof id !== 'string' || typeof file !== 'string' || typeof command !== 'string') return undefined;
  if (kind !== 'exec' && kind !== 'auth-provider') return undefined;
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return undefined;
  if (typeof allowed !== 'boolean') return undefined;
  return {
    id,
    file,
    kind,
    command,
    args: args as string[],
    allowed,
    decidedAt: typeof decidedAt === 'number' ? decidedAt : 0,
  };
}
