import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/static-files.js';
import { scanStaged, stageBuiltApp } from '../../../scripts/electronegativity.mjs';
import {
  classifyFindings,
  type Finding,
  formatReport,
  parseJustifications,
  passes,
} from '../../../scripts/electronegativity-report.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

function finding(check: string, file: string, sample?: string): Finding {
  return { check, file, line: 1, severity: 'LOW', confidence: 'FIRM', description: 'd', ...(sample ? { sample } : {}) };
}

describe('Electronegativity justifications', () => {
  it('lets through only findings justified by check and file, and by the exact sample when one is given', () => {
    const justifications = [
      {
        check: 'CSP_GLOBAL_CHECK',
        file: 'dist/renderer/index.html',
        sample: "script-src 'self'",
        reason: 'r'.repeat(20),
      },
      { check: 'ELECTRON_VERSION_JSON_CHECK', file: 'package.json', reason: 'r'.repeat(20) },
    ];
    const result = classifyFindings(
      [
        finding('CSP_GLOBAL_CHECK', 'dist/renderer/index.html', "script-src 'self'"),
        finding('CSP_GLOBAL_CHECK', 'dist/renderer/index.html', "script-src 'self' 'unsafe-eval'"),
        finding('ELECTRON_VERSION_JSON_CHECK', 'dist/main/main.cjs'),
      ],
      justifications,
    );
    expect(result.justified.map(({ finding: f }) => f.sample)).toEqual(["script-src 'self'"]);
    expect(result.unjustified.map((f) => [f.check, f.file])).toEqual([
      ['CSP_GLOBAL_CHECK', 'dist/renderer/index.html'],
      ['ELECTRON_VERSION_JSON_CHECK', 'dist/main/main.cjs'],
    ]);
    // The package.json justification matched nothing: stale entries fail the step instead of piling up.
    expect(result.stale).toEqual([justifications[1]]);
    expect(passes(result, [])).toBe(false);
    const report = formatReport(result, [{ file: 'dist/main/main.cjs', message: 'Unexpected token' }]);
    expect(report).toContain('UNJUSTIFIED  CSP_GLOBAL_CHECK');
    expect(report).toContain('NOT SCANNED  dist/main/main.cjs: Unexpected token');
    expect(report).toContain('STALE        justification for ELECTRON_VERSION_JSON_CHECK in package.json');
  });

  it('fails on a file the scanner could not parse even when every finding is justified', () => {
    const result = classifyFindings([], []);
    expect(passes(result, [])).toBe(true);
    expect(passes(result, [{ file: 'dist/preload/preload.cjs', message: 'Unexpected token' }])).toBe(false);
  });

  it('refuses a justification file with a missing field or no real reason, naming the entry', () => {
    expect(() => parseJustifications([])).toThrow('"justified" array');
    expect(() => parseJustifications({ justified: [{ check: 'X', file: 'f' }] })).toThrow('entry 0: "reason"');
    expect(() => parseJustifications({ justified: [{ check: 'X', file: 'f', reason: 'fine' }] })).toThrow(
      'entry 0: "reason" must say why',
    );
  });

  it('has a checked-in file whose every entry is well formed and explained', async () => {
    const json: unknown = JSON.parse(await readFile(path.join(root, 'build/electronegativity-justified.json'), 'utf8'));
    const entries = parseJustifications(json);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.file).toMatch(/^(dist\/(main|preload|renderer)\/|package\.json$)/);
  });
});

describe('the CSP that hardenSession puts on every response (the scanner cannot read it from the bundle)', () => {
  interface CspFinding {
    severity: number;
    directive: string;
    value?: string;
  }
  interface CspEvaluatorModule {
    CspParser: new (policy: string) => { csp: unknown };
    CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
    Version: { CSP3: unknown };
    severities: Record<string, number>;
  }
  // The evaluator Electronegativity's CSP_GLOBAL_CHECK uses; it ships no types.
  const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

  it("draws no remark from the scanner's CSP evaluator but the justified script-src 'self'", () => {
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    // What Electronegativity reports as weak: anything at MEDIUM_MAYBE or worse (lower number = worse).
    const weak = findings.filter((f) => f.severity <= (csp.severities.MEDIUM_MAYBE ?? 0));
    expect(weak.map((f) => [f.directive, f.value])).toEqual([['script-src', "'self'"]]);
  });

  it('is really evaluated: a policy allowing inline scripts is called weak', () => {
    const policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
    expect(findings.some((f) => f.severity === csp.severities.HIGH && f.directive === 'script-src')).toBe(true);
  });
});

describe('Electronegativity on a built app', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-eneg-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function builtApp(appRoot: string, windowOptions: string): Promise<void> {
    await mkdir(path.join(appRoot, 'dist/main'), { recursive: true });
    await mkdir(path.join(appRoot, 'dist/preload'), { recursive: true });
    await mkdir(path.join(appRoot, 'dist/renderer/assets'), { recursive: true });
    await writeFile(path.join(appRoot, 'package.json'), JSON.stringify({ name: 'x', devDependencies: {} }));
    await writeFile(
      path.join(appRoot, 'dist/main/main.cjs'),
      // Class fields, private members and optional chaining, as undici (client-node 2) brings into the real bundle.
      `const { BrowserWindow } = require('electron');\nclass Pool { #open = 0; static size = 1; has(o) { return #open in o; } }\n` +
        `new BrowserWindow({ webPreferences: ${windowOptions} });\nnew Pool()?.has?.({});\n`,
    );
    await writeFile(path.join(appRoot, 'dist/main/main.cjs.map'), '{}');
    await writeFile(path.join(appRoot, 'dist/preload/preload.cjs'), "require('electron');\n");
    await writeFile(path.join(appRoot, 'dist/renderer/index.html'), '<html><head></head><body></body></html>');
    await writeFile(path.join(appRoot, 'dist/renderer/assets/app.css'), 'body { color: red }');
  }

  it('finds an insecure window in the CommonJS main bundle, which it would skip under its own name or its syntax', async () => {
    const appRoot = path.join(dir, 'app');
    const stage = path.join(dir, 'stage');
    await builtApp(appRoot, '{ nodeIntegration: true, contextIsolation: false, sandbox: false }');
    await stageBuiltApp(appRoot, stage);
    const { findings, parseErrors } = await scanStaged(stage, '45.5.0');
    expect(parseErrors).toEqual([]);
    const inMain = findings.filter((f) => f.file === 'dist/main/main.cjs').map((f) => f.check);
    expect(inMain).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    // No CSP anywhere in this app.
    expect(findings.map((f) => f.check)).toContain('CSP_GLOBAL_CHECK');
  }, 60_000);

  it('reports none of those for a hardened window', async () => {
    const appRoot = path.join(dir, 'app');
    const stage = path.join(dir, 'stage');
    await builtApp(appRoot, '{ nodeIntegration: false, contextIsolation: true, sandbox: true }');
    await stageBuiltApp(appRoot, stage);
    const { findings } = await scanStaged(stage, '45.5.0');
    const inMain = findings.filter((f) => f.file === 'dist/main/main.cjs').map((f) => f.check);
    expect(inMain).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(inMain).not.toContain('SANDBOX_JS_CHECK');
  }, 60_000);
});
