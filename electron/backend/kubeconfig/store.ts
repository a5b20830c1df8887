import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContextSummary, KubeconfigSource, SourceContext } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { mergeKubeconfigs, type MergedKubeconfig, type ResolvedContext } from './merge.js';
import { KubeconfigParseError, parseKubeconfig, type ParsedKubeconfig } from './parse.js';
import { parseKubeconfigOffThread } from './parse-off-thread.js';
import { FileWatcher } from './file-watcher.js';
import { CredentialFileWatch } from './credential-watch.js';
import type { ProgramOrigin } from '../consent/gate.js';

export interface KubeconfigStoreOptions {
  /** KUBECONFIG as set in the environment; undefined when unset. */
  kubeconfigEnv?: string;
  homeDir: string;
  /** Quiet period before a changed file is read again. */
  debounceMs?: number;
  /** path.delimiter by default; tests of Windows-style lists pass ';'. */
  delimiter?: string;
  /** Whether a file's path is remembered for the next start (shown on the Clusters page). */
  isRemembered?: (file: string) => boolean;
}

interface SourceRecord {
  id: string;
  kind: KubeconfigSource['kind'];
  label: string;
  /** Files on disk; uploads and the sandbox keep their text in memory only. */
  file?: string;
  text?: string;
  parsed?: ParsedKubeconfig;
  error?: string;
  /** Env and default files that do not exist are skipped, as kubectl skips them. */
  missing: boolean;
  /** An added file that does not exist: listed (so the user sees why it brings nothing), but no kubeconfig. */
  notFound?: boolean;
  /** What consent decisions are keyed on: a file's real path (symlinks resolved), an upload's content hash. */
  identity?: string;
  /** Reads of a file overlap (a large one parses on a worker): only the latest one's result is kept. */
  reads?: number;
  /** The sandbox's kubeconfig copy for kubectl: shown to the user, never read. */
  shownPath?: string;
}

/** The kubeconfig files the app reads, merged like kubectl, reloaded when they change on disk. */
export class KubeconfigStore {
  private readonly records: SourceRecord[] = [];
  private merged: MergedKubeconfig = { contexts: [], shadowed: [] };
  private readonly listeners = new Set<() => void>();
  private readonly watcher: FileWatcher;
  private readonly credentials: CredentialFileWatch;
  private readonly credentialListeners = new Set<(sourceId: string) => void>();
  private nextId = 1;

  constructor(private readonly options: KubeconfigStoreOptions) {
    this.watcher = new FileWatcher(options.debounceMs ?? 200, (file) => void this.reloadFile(file, false));
    this.credentials = new CredentialFileWatch(options.debounceMs ?? 200, (sourceId) => {
      for (const listener of this.credentialListeners) listener(sourceId);
    });
    const envFiles = (options.kubeconfigEnv ?? '')
      .split(options.delimiter ?? path.delimiter)
      .filter((entry) => entry !== '')
      .map((entry) => path.resolve(entry));
    if (options.kubeconfigEnv !== undefined && envFiles.length > 0) {
      for (const file of new Set(envFiles)) this.records.push(this.fileRecord('env', file));
    } else {
      this.records.push(this.fileRecord('default', path.join(options.homeDir, '.kube', 'config')));
    }
  }

  /** Reads every file once; call before using the store. */
  async load(): Promise<void> {
    await Promise.all(this.records.filter((r) => r.file !== undefined).map((r) => this.read(r)));
    for (const record of this.records) if (record.file !== undefined) this.watcher.watch(record.file);
    this.remerge();
  }

  /** True when at least one kubeconfig file exists (broken or not): then the sandbox does not start by itself. */
  hasAnyKubeconfig(): boolean {
    return this.records.some((r) => r.kind !== 'sandbox' && !r.missing && r.notFound !== true);
  }

  sources(): KubeconfigSource[] {
    return this.records
      .filter((r) => !r.missing)
      .map((r) => {
        const source: KubeconfigSource = { id: r.id, label: r.label, kind: r.kind, contexts: this.sourceContexts(r) };
        if (r.shownPath !== undefined) source.path = r.shownPath;
        if (r.error !== undefined) source.error = r.error;
        if (r.file !== undefined) source.reloadable = true;
        if (r.file !== undefined && this.options.isRemembered?.(r.file) === true) source.remembered = true;
        if (r.kind === 'added' && r.file === undefined) source.uploaded = true;
        return source;
      });
  }

  private sourceContexts(record: SourceRecord): SourceContext[] {
    const shadowed = new Map(
      this.merged.shadowed.filter((s) => s.sourceId === record.id).map((s) => [`${s.name}@${s.line}`, s.by]),
    );
    return (record.parsed?.contexts ?? []).map((entry) => {
      const context: SourceContext = { name: entry.name };
      if (entry.line !== undefined) context.line = entry.line;
      const by = shadowed.get(`${entry.name}@${entry.line}`);
      if (by !== undefined) context.shadowedBy = by;
      return context;
    });
  }

  /** The files known by path that exist (KUBECONFIG entries and added files; not ~/.kube/config, always read). */
  knownFiles(): string[] {
    return this.records
      .filter((r) => (r.kind === 'env' || r.kind === 'added') && !r.missing && r.notFound !== true)
      .flatMap((r) => (r.file !== undefined ? [r.file] : []));
  }

  /** The source that reads this file, if one does. */
  sourceOfFile(file: string): string | undefined {
    const absolute = path.resolve(file);
    return this.records.find((r) => r.file === absolute && !r.missing)?.id;
  }

  /** Removes a source (never the sandbox: its contexts are the app's own); answers its file, if it had one. */
  removeSource(sourceId: string): { file?: string } {
    const index = this.records.findIndex((r) => r.id === sourceId && !r.missing);
    const record = this.records[index];
    if (!record) throw new AppError('not-found', `No kubeconfig source "${sourceId}".`);
    if (record.kind === 'sandbox') throw new AppError('invalid-argument', 'The built-in sandbox cannot be removed.');
    this.records.splice(index, 1);
    this.credentials.set(record.id, undefined);
    if (record.file !== undefined && !this.records.some((r) => r.file === record.file)) {
      this.watcher.unwatch(record.file);
    }
    this.remerge();
    return record.file !== undefined ? { file: record.file } : {};
  }

  /** Reads a file known by path again, now (the watcher does it too, debounced). */
  async reloadSource(sourceId: string): Promise<void> {
    const record = this.records.find((r) => r.id === sourceId && !r.missing);
    if (!record) throw new AppError('not-found', `No kubeconfig source "${sourceId}".`);
    if (record.file === undefined) {
      throw new AppError('invalid-argument', `${record.label} has no file to read again: remove it and add it again.`);
    }
    await this.reloadFile(record.file, true);
  }

  contexts(): ContextSummary[] {
    return this.merged.contexts.map((c) => c.summary);
  }

  resolve(name: string): ResolvedContext | undefined {
    return this.merged.contexts.find((c) => c.context.name === name);
  }

  /**
   * Where a context's user stanza came from, for consent: only the kubeconfig the app generated for its own sandbox
   * is trusted; a file is shown by its absolute path and known by its real path, an upload by its content's hash.
   */
  userOrigin(resolved: ResolvedContext): ProgramOrigin {
    const record = this.records.find((r) => r.id === resolved.userSourceId);
    if (!record) return { trusted: false, file: 'unknown', identity: 'unknown', hasDirectory: false };
    if (record.kind === 'sandbox')
      return { trusted: true, file: record.label, identity: 'sandbox', hasDirectory: false };
    if (record.file === undefined) {
      return { trusted: false, file: `upload: ${record.label}`, identity: record.identity ?? '', hasDirectory: false };
    }
    return { trusted: false, file: record.file, identity: record.identity ?? record.file, hasDirectory: true };
  }

  currentContext(): string | undefined {
    return this.merged.currentContext;
  }

  /** A file the user picked (Electron dialog or the web host's --kubeconfig): watched like the others. */
  async addFile(file: string): Promise<void> {
    const absolute = path.resolve(file);
    if (this.records.some((r) => r.file === absolute && !r.missing)) return;
    const record = this.fileRecord('added', absolute);
    this.records.push(record);
    await this.read(record);
    notFoundIfMissing(record);
    this.watcher.watch(absolute);
    this.remerge();
  }

  /**
   * An uploaded kubeconfig: kept in memory only, never written anywhere. Refused at once when it cannot be used.
   * `replaces` names an earlier upload it takes the place of (same place in the merge order, a newer version).
   */
  async addUpload(name: string, content: string, replaces?: string): Promise<void> {
    const replaced = replaces === undefined ? undefined : this.records.find((r) => r.id === replaces);
    if (replaces !== undefined && (replaced?.kind !== 'added' || replaced.file !== undefined)) {
      throw new AppError('invalid-argument', `No uploaded kubeconfig "${replaces}" to replace.`);
    }
    const label = path.basename(name) || 'kubeconfig';
    let parsed: ParsedKubeconfig;
    try {
      parsed = await parseKubeconfigOffThread(content);
    } catch (error) {
      const reason = error instanceof KubeconfigParseError ? error.message : 'cannot be read';
      throw new AppError('invalid', `${label}: ${reason}`);
    }
    if (parsed.contexts.length === 0) throw new AppError('invalid', `${label}: the file defines no context`);
    const identity = `upload:sha256:${createHash('sha256').update(content).digest('hex')}`;
    const record: SourceRecord = {
      id: replaced?.id ?? `upload-${this.nextId++}`,
      kind: 'added',
      label,
      text: content,
      parsed,
      missing: false,
      identity,
    };
    if (replaced) this.records[this.records.indexOf(replaced)] = record;
    else this.records.push(record);
    this.remerge();
  }

  /**
   * The built-in sandbox's kubeconfig, from memory: its trust comes from here, never from `path` (the copy written
   * for kubectl, which the app only shows and never reads; read back through KUBECONFIG it is an ordinary file).
   */
  addSandbox(content: string, path?: string): void {
    const parsed = parseKubeconfig(content);
    const existing = this.records.findIndex((r) => r.kind === 'sandbox');
    const record: SourceRecord = {
      id: 'sandbox',
      kind: 'sandbox',
      label: 'Built-in sandbox',
      ...(path !== undefined ? { shownPath: path } : {}),
      text: content,
      parsed,
      missing: false,
    };
    if (existing >= 0) this.records[existing] = record;
    else this.records.push(record);
    this.remerge();
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A CA, certificate, key or token file a source names changed on disk (the kubeconfig itself may not have). */
  onDidChangeCredentials(listener: (sourceId: string) => void): () => void {
    this.credentialListeners.add(listener);
    return () => this.credentialListeners.delete(listener);
  }

  dispose(): void {
    this.watcher.dispose();
    this.credentials.dispose();
    this.credentialListeners.clear();
    this.listeners.clear();
  }

  private fileRecord(kind: SourceRecord['kind'], file: string): SourceRecord {
    const id = kind === 'default' ? 'default' : `${kind}-${this.nextId++}`;
    return { id, kind, label: this.labelFor(file), file, missing: true };
  }

  private labelFor(file: string): string {
    const home = this.options.homeDir;
    return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
  }

  /** Reads a file again; listeners hear of it when it changed, or always when `always` (the user asked). */
  private async reloadFile(file: string, always: boolean): Promise<void> {
    const affected = this.records.filter((r) => r.file === file);
    const before = affected.map((r) => `${r.missing}|${r.error ?? ''}|${r.text ?? ''}`);
    await Promise.all(affected.map((r) => this.read(r)));
    for (const r of affected) if (r.kind === 'added') notFoundIfMissing(r);
    const after = affected.map((r) => `${r.missing}|${r.error ?? ''}|${r.text ?? ''}`);
    if (always || before.join('\n') !== after.join('\n')) this.remerge();
  }

  private async read(record: SourceRecord): Promise<void> {
    if (record.file === undefined) return;
    const read = (record.reads = (record.reads ?? 0) + 1);
    const outcome: Pick<SourceRecord, 'missing' | 'error' | 'text' | 'parsed' | 'identity'> = { missing: false };
    try {
      outcome.text = await fs.promises.readFile(record.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') outcome.missing = true;
      else
        outcome.error =
          code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : code === 'EISDIR'
              ? 'is a directory, not a file'
              : 'cannot be read';
    }
    if (outcome.text !== undefined) {
      outcome.identity = await fs.promises.realpath(record.file).catch(() => record.file);
      try {
        outcome.parsed = await parseKubeconfigOffThread(outcome.text, path.dirname(record.file));
      } catch (error) {
        outcome.error = error instanceof KubeconfigParseError ? error.message : 'cannot be parsed';
      }
    }
    if (read !== record.reads) return;
    delete record.parsed;
    delete record.error;
    delete record.text;
    delete record.notFound;
    Object.assign(record, outcome);
    this.credentials.set(record.id, record.parsed);
  }

  private remerge(): void {
    this.merged = mergeKubeconfigs(
      this.records.map((r) => ({
        id: r.id,
        kind: r.kind,
        hasDirectory: r.file !== undefined,
        ...(r.parsed ? { parsed: r.parsed } : {}),
      })),
    );
    for (const listener of this.listeners) listener();
  }
}

// A file the user chose is listed even when it is missing, so they see why it brings no contexts.
function notFoundIfMissing(record: SourceRecord): void {
  if (!record.missing) return;
  record.missing = false;
  record.notFound = true;
  record.error = 'File not found';
}
