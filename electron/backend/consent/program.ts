import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Launch } from './spawn-model.js';

/** Everything a decision is about; a change to any of it asks again. */
export interface ConsentSubject {
  /** The kubeconfig's identity: its real path, or `upload:sha256:<hash of its text>`. */
  identity: string;
  source: string;
  command: string;
  executable: string;
  args: readonly string[];
  envNames: readonly string[];
  /** A hash of the kubeconfig's environment values (the values themselves are never written anywhere). */
  envHash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function subjectOf(identity: string, launch: Launch): ConsentSubject {
  const { program, executable } = launch;
  return {
    identity,
    source: program.source,
    command: program.command,
    executable,
    args: program.args,
    envNames: program.env.map((e) => e.name),
    envHash: sha256(JSON.stringify(program.env.map((e) => [e.name, e.value]))),
  };
}

/** The key of a decision. */
export function consentId(subject: ConsentSubject): string {
  const { identity, source, command, executable, args, envNames, envHash } = subject;
  return sha256(JSON.stringify([identity, source, command, executable, args, envNames, envHash])).slice(0, 32);
}

/**
 * kubectl's credentialPluginAllowlist, made stricter where it cannot be checked without running anything: a bare name
 * allows a command written as that bare name (found on the user's own PATH), an absolute path allows exactly that
 * file. A shell line (gcp/azure cmd-path with its cmd-args) is never allowlisted: its arguments are shell text.
 */
export function allowlisted(launch: Launch, allowlist: readonly string[]): boolean {
  if (launch.spawn.shell) return false;
  const { command } = launch.program;
  return allowlist.some((entry) =>
    path.isAbsolute(entry)
      ? path.normalize(launch.executable) === path.normalize(entry)
      : !entry.includes('/') && !entry.includes('\\') && command === entry,
  );
}
