// `npm run test:security`: Electronegativity (Doyensec's Electron security scanner) over the BUILT app — dist/main,
// dist/preload and dist/renderer, what electron-builder packs — and a failure on any finding that
// build/electronegativity-justified.json does not justify. Builds first when the bundles are missing or older than
// the sources.
//
// Electronegativity 1.10 only reads files ending in .js/.jsx/.ts/.tsx/.html/.htm (plus package.json): our bundles
// are main.cjs and preload.cjs, which it would skip without a word. So the bundles are copied to a scratch
// directory as `<name>.cjs.js`, scanned there, and the findings named by their real paths again. Its parsers (esprima
// 4, then Babel into escope) know no class fields, private members or optional chaining, which the main bundle has
// since client-node 2 (undici): the staged bundles are lowered to ES2019 syntax by esbuild first. The Electron calls
// and options the checks look for are the same code; only line numbers differ.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { classifyFindings, formatReport, parseJustifications, passes } from './electronegativity-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The built files Electron loads; what the scanner must see. */
export const BUILT_PARTS = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer'];

/**
 * The one check left out: it downloads Electron's release list from GitHub to say whether a newer patch exists.
 * Offline it silently does nothing, online its verdict changes with every Electron release, so the same commit
 * would pass here and fail in CI. Upgrading Electron is a decision made on its own, not by a test.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** Bundles the scanner would skip for their extension; stylesheets and images are not code and stay as they are. */
const RENAMED_EXTENSIONS = new Set(['.cjs', '.mjs']);

/**
 * The scanner, kept off the network: at every run it downloads its message texts for $LANG from S3 (a 1 s request
 * that got 11 retries; on Node 24 the retry throws an uncaught error after the report). Its bundled English texts
 * are loaded instead, exactly as its own loader does before that download.
 */
function offlineScanner() {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const fromScanner = createRequire(runnerPath);
  const loaderPath = fromScanner.resolve('./locales/i18n.js');
  const i18n = fromScanner('i18n');
  const loadLocal = () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(loaderPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  const loader = new Module(loaderPath);
  loader.filename = loaderPath;
  loader.loaded = true;
  loader.exports = loadLocal;
  require.cache[loaderPath] = loader;
  return require(runnerPath);
}

/** Copies the built parts and package.json into `stageDir`, renaming the bundles the scanner would skip. */
export async function stageBuiltApp(appRoot, stageDir) {
  await cp(path.join(appRoot, 'package.json'), path.join(stageDir, 'package.json'));
  for (const part of BUILT_PARTS) {
    await cp(path.join(appRoot, part), path.join(stageDir, part), {
      recursive: true,
      filter: (source) => !source.endsWith('.map'),
    });
  }
  for (const file of await listFiles(stageDir)) {
    if (!RENAMED_EXTENSIONS.has(path.extname(file))) continue;
    const lowered = await transform(await readFile(file, 'utf8'), { loader: 'js', target: 'es2019' });
    await writeFile(`${file}.js`, lowered.code);
    await rm(file);
  }
}

/** Runs the scanner on a staged directory; findings name files relative to it, as in the repository. */
export async function scanStaged(stageDir, electronVersion) {
  const result = await offlineScanner()({
    input: stageDir,
    isRelative: true,
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const realName = (file) => (/\.[cm]js\.js$/.test(file) ? file.slice(0, -'.js'.length) : file);
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: realName(issue.file.split(path.sep).join('/')),
    line: issue.location.line,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    description: issue.description,
    ...(typeof issue.sample === 'string' ? { sample: issue.sample } : {}),
  }));
  // Tolerable errors are parser warnings on a file that was still scanned; the others mean a file went unchecked.
  const parseErrors = result.errors
    .filter((error) => !error.tolerable)
    .map((error) => ({ file: realName(path.relative(stageDir, error.file)), message: error.message }));
  return { findings, parseErrors, checks: result.globalChecks + result.atomicChecks };
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function newestMtime(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    for (const file of await listFiles(dir)) newest = Math.max(newest, (await stat(file)).mtimeMs);
  }
  return newest;
}

async function buildIsCurrent() {
  try {
    const outputs = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];
    const built = Math.min(...(await Promise.all(outputs.map(async (f) => (await stat(path.join(root, f))).mtimeMs))));
    const sources = await newestMtime([path.join(root, 'electron'), path.join(root, 'renderer')]);
    return built >= sources;
  } catch {
    return false;
  }
}

async function main() {
  if (!(await buildIsCurrent())) {
    console.log('The built app is missing or older than its sources: npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const justifications = parseJustifications(
    JSON.parse(await readFile(path.join(root, 'build/electronegativity-justified.json'), 'utf8')),
  );
  const stageDir = await mkdtemp(path.join(os.tmpdir(), 'everynode-electronegativity-'));
  try {
    await stageBuiltApp(root, stageDir);
    const { findings, parseErrors, checks } = await scanStaged(stageDir, packageJson.devDependencies.electron);
    const result = classifyFindings(findings, justifications);
    console.log(`Electronegativity ran ${checks} checks (left out: ${EXCLUDED_CHECKS.join(', ')}).`);
    console.log(formatReport(result, parseErrors));
    if (!passes(result, parseErrors)) {
      console.error(
        'Electronegativity: fix the findings above or justify them in build/electronegativity-justified.json',
      );
      process.exitCode = 1;
    }
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
