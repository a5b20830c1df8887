import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every place the installed @kubernetes/client-node starts a process, read from its dist. The consent gate
// (electron/backend/consent/launch.ts) models each of them; an upgrade that adds or moves one fails here, so that the
// gate learns of it before a kubeconfig can use it.

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('@kubernetes/client-node'));
const repo = path.resolve(import.meta.dirname, '../../..');

/** How each known site is covered. */
const KNOWN: Record<string, string> = {
  // user.exec or an auth provider's config.exec: spawn(command, args, { env }). Sources exec, auth-provider-exec.
  'exec_auth.js: child_process.spawn': 'exec',
  // "<cmd-path>" <cmd-args> through /bin/sh when the token is missing or expired. Sources gcp, azure.
  'gcp_auth.js: proc.execSync': 'gcp',
  'azure_auth.js: proc.execSync': 'azure',
  // wsl.exe, in loadFromDefault on Windows only: the app never calls it (checked below).
  'config.js: child_process.spawnSync': 'loadFromDefault',
};

function sites(): Map<string, number> {
  const found = new Map<string, number>();
  const add = (site: string) => found.set(site, (found.get(site) ?? 0) + 1);
  for (const file of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    if (!text.includes('child_process')) continue;
    const importForm = /import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+['"](?:node:)?child_process['"]/g;
    const imports = [...text.matchAll(importForm)];
    // Any other way to reach child_process (require, a dynamic import, named imports) is a site of its own.
    const rest = text.replace(importForm, '').replace(/\bchild_process\.\w+/g, '');
    if (rest.includes('child_process')) add(`${file}: child_process reached another way`);
    for (const [, local] of imports) {
      for (const use of text.matchAll(new RegExp(`\\b${local}\\.(\\w+)`, 'g'))) add(`${file}: ${local}.${use[1]}`);
    }
  }
  return found;
}

describe('the spawn sites of the installed client-node', () => {
  it('are exactly the ones the consent gate models', () => {
    const found = sites();
    expect([...found.keys()].sort()).toEqual(Object.keys(KNOWN).sort());
    expect(Object.fromEntries(found)).toEqual({
      'exec_auth.js: child_process.spawn': 1,
      'gcp_auth.js: proc.execSync': 1,
      'azure_auth.js: proc.execSync': 1,
      'config.js: child_process.spawnSync': 4,
    });
  });

  it('include none the app reaches through a loader it does not model', () => {
    const sources = fs
      .readdirSync(path.join(repo, 'electron'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('sandbox-cluster'));
    const loaders = /\.(loadFromDefault|loadFromFile|loadFromCluster)\(/;
    expect(sources.filter((file) => loaders.test(fs.readFileSync(path.join(repo, 'electron', file), 'utf8')))).toEqual(
      [],
    );
  });
});
