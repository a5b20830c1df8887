import path from 'node:path';
import type { ConsentDecision, ConsentSettings } from '../../contract/index.js';
import { PrivateFile } from '../files/private-file.js';
import { consentId, type ConsentSubject } from './program.js';
import { isRecord } from '../../../common/guards.js';

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** A decision as kept on disk: what the user saw, plus the parts of its key they did not (file identity, env hash). */
interface StoredDecision extends ConsentDecision {
  identity: string;
  envHash: string;
}

/**
 * The user's answers about credential programs (consent.json in the state directory, through the private-file
 * writer) and the allowlist. Holds commands, arguments and environment names only: nothing a program printed, no
 * environment value (only a hash of them, so that a changed value asks again).
 */
export class ConsentStore {
  private decisions = new Map<string, StoredDecision>();
  private allowlist: string[] = [];
  private readonly file: PrivateFile;

  constructor(
    stateDir: string,
    /** Entries from the host's own command line, always in force and never written (the browser host's --allow-program). */
    private readonly fixedAllowlist: readonly string[] = [],
  ) {
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
      // An entry whose key does not match its own contents was edited by hand (or keyed by an older version): it is
      // ignored, so it cannot allow anything.
      if (decision && decision.id === consentId(subjectOfDecision(decision))) this.decisions.set(decision.id, decision);
    }
  }

  decision(id: string): ConsentDecision | undefined {
    return this.decisions.get(id);
  }

  settings(): ConsentSettings {
    return {
      decisions: [...this.decisions.values()]
        .sort((a, b) => b.decidedAt - a.decidedAt)
        .map(({ identity: _identity, envHash: _envHash, ...shown }) => shown),
      allowlist: this.allowlistEntries(),
    };
  }

  /** The file's own entries, then the command line's. */
  allowlistEntries(): string[] {
    return [...new Set([...this.allowlist, ...this.fixedAllowlist])];
  }

  decide(file: string, kind: ConsentDecision['kind'], subject: ConsentSubject, allowed: boolean, now = Date.now()) {
    const id = consentId(subject);
    this.decisions.set(id, {
      id,
      file,
      kind,
      source: subject.source as ConsentDecision['source'],
      command: subject.command,
      executable: subject.executable,
      args: [...subject.args],
      envNames: [...subject.envNames],
      allowed,
      decidedAt: now,
      identity: subject.identity,
      envHash: subject.envHash,
    });
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
    const decisions = [...this.decisions.values()].sort((a, b) => b.decidedAt - a.decidedAt);
    return this.file.write(JSON.stringify({ decisions, allowlist: this.allowlist }, null, 2));
  }
}

const subjectOfDecision = (d: StoredDecision): ConsentSubject => ({
  identity: d.identity,
  source: d.source,
  command: d.command,
  executable: d.executable,
  args: d.args,
  envNames: d.envNames,
  envHash: d.envHash,
});

const SOURCES = new Set(['exec', 'auth-provider-exec', 'gcp', 'azure']);

function readDecision(value: unknown): StoredDecision | undefined {
  if (!isRecord(value)) return undefined;
  const { id, file, kind, source, command, executable, args, envNames, allowed, decidedAt, identity, envHash } = value;
  for (const text of [id, file, command, executable, identity, envHash]) if (typeof text !== 'string') return undefined;
  if (kind !== 'exec' && kind !== 'auth-provider') return undefined;
  if (typeof source !== 'string' || !SOURCES.has(source)) return undefined;
  if (!isStrings(args) || !isStrings(envNames) || typeof allowed !== 'boolean') return undefined;
  return {
    id: id as string,
    file: file as string,
    kind,
    source: source as ConsentDecision['source'],
    command: command as string,
    executable: executable as string,
    args,
    envNames,
    allowed,
    decidedAt: typeof decidedAt === 'number' ? decidedAt : 0,
    identity: identity as string,
    envHash: envHash as string,
  };
}
