// Stops `npm start`, `npm run web`, the sandbox, the bench and the tests at once, in one line, on a Node.js older than
// package.json's `engines.node`, before a build or a dependency fails on it in some less clear way.
// Written for any Node that runs ES modules (no newer syntax or API), since old ones are what it must catch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The one line to print when `version` (e.g. '20.20.2') does not satisfy `range`, else undefined. Only the form
 * `>=MAJOR[.MINOR[.PATCH]]` is read; any other range is a mistake in package.json and throws.
 */
export function nodeTooOld(range, version) {
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!wanted) throw new Error(`engines.node must read ">=MAJOR[.MINOR[.PATCH]]", not "${range}"`);
  const want = wanted.slice(1).map((part) => Number(part ?? 0));
  const have = version.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    if (have[i] > want[i]) return undefined;
    if (have[i] < want[i]) {
      return (
        `everynode needs Node.js ${range.trim()} and this is Node.js v${have.join('.')}: ` +
        'install Node.js 24, or on Linux run export PATH="$(bash scripts/node24.sh):$PATH" (fetches it from the npm registry)'
      );
    }
  }
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { engines } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const message = nodeTooOld(engines.node, process.versions.node);
  if (message) {
    console.error(message);
    process.exit(1);
  }
}
