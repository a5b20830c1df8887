import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CredentialProgram } from '../../contract/index.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Every program a kubeconfig user stanza would have client-node run: the exec credential plugin, and a legacy auth
 * provider's cmd-path (client-node runs it through a shell with cmd-args appended, so those are shown as one string).
 * Both are listed when both are present, since which one client-node picks depends on the provider's name.
 */
export function credentialPrograms(user: Record<string, unknown> | undefined): CredentialProgram[] {
  if (!user) return [];
  const programs: CredentialProgram[] = [];
  const provider = user['auth-provider'];
  const config = isRecord(provider) ? provider.config : undefined;
  if (isRecord(config) && typeof config['cmd-path'] === 'string' && config['cmd-path'] !== '') {
    const args = typeof config['cmd-args'] === 'string' && config['cmd-args'] !== '' ? [config['cmd-args']] : [];
    programs.push({ kind: 'auth-provider', command: config['cmd-path'], args, envNames: [] });
  }
  const exec = user.exec;
  if (isRecord(exec) && typeof exec.command === 'string' && exec.command !== '') {
    const envNames = Array.isArray(exec.env)
      ? exec.env.filter(isRecord).flatMap((e) => (typeof e.name === 'string' ? [e.name] : []))
      : [];
    programs.push({ kind: 'exec', command: exec.command, args: strings(exec.args), envNames });
  }
  return programs;
}

/** The key of a decision: the file the user stanza came from, the command and its arguments. */
export function consentId(file: string, program: CredentialProgram): string {
  return createHash('sha256')
    .update(JSON.stringify([file, program.kind, program.command, program.args]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * kubectl's credentialPluginAllowlist, made stricter where it cannot be checked without running anything: a bare name
 * allows a command written as that bare name (found on PATH), an absolute path allows exactly that path.
 */
export function allowlisted(program: CredentialProgram, allowlist: readonly string[]): boolean {
  return allowlist.some((entry) =>
    path.isAbsolute(entry)
      ? path.isAbsolute(program.command) && path.normalize(program.command) === path.normalize(entry)
      : !entry.includes('/') && !entry.includes('\\') && program.command === entry,
  );
}
