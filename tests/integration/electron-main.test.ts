import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../electron/contract/index.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/static-files.js';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { largeKubeconfig } from '../unit/backend/kubeconfig-samples.js';
import { expectFindingsClosed, writeFindingFiles, type FindingFiles, type FindingsReport } from './consent-findings.js';

// The bundled main process (what `npm start` runs) on a stand-in `electron` module: Electron's binary cannot be
// downloaded here, but the bundle, its wiring and the real backend behind it can still be exercised end to end.

const SECRET_TOKEN = 'main-process-secret-token-abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Builds the app into `root/dist` (with `page` as its renderer) and runs the bundled main process on the stand-in
 * electron (fixtures/drive-main.mjs) with these arguments; returns the driver's report.
 */
async function driveMain(
  root: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; page?: string } = {},
): Promise<Record<string, unknown>> {
  const built = await buildElectron({ outDir: path.join(root, 'dist') });
  await mkdir(path.join(root, 'dist', 'renderer'));
  await writeFile(path.join(root, 'dist', 'renderer', 'index.html'), options.page ?? '<!doctype html>');
  await mkdir(path.join(root, 'home'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(import.meta.dirname, 'fixtures', 'drive-main.mjs'), built.main, ...args],
    {
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      env: { PATH: process.env.PATH, HOME: path.join(root, 'home'), FAKE_ELECTRON_DIR: root, ...options.env },
      timeout: 90_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}
let dir: string;
let report: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-main-'));
  const kubeconfig = path.join(dir, 'main.kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]',
      `users: [{ name: u, user: { token: "${SECRET_TOKEN}" } }]`,
      'contexts: [{ name: main-ctx, context: { cluster: c, user: u } }]',
      'current-context: main-ctx',
      '',
    ].join('\n'),
  );
  // Large enough to be parsed on the bundle's worker thread (dist/workers/kubeconfig-parse.mjs).
  const large = path.join(dir, 'large.kubeconfig');
  await writeFile(large, largeKubeconfig(0.6));
  report = await driveMain(dir, ['--kubeconfig', kubeconfig, '--kubeconfig', large], {
    page: '<!doctype html><title>Everynode window</title>',
  });
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the bundled Electron main process', () => {
  it('sandboxes every renderer and serves the page from app:// with the CSP', () => {
    expect(report.sandboxed).toBe(true);
    expect(report.schemes).toEqual([
      { scheme: 'everynode', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(report.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((report.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]preload\.cjs$/);
    expect(report.page).toEqual({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      body: '<!doctype html><title>Everynode window</title>',
    });
    expect(report.openHandler).toEqual({ action: 'deny' });
    expect(report.menu).toEqual(['File', 'editMenu', 'View', 'Go', 'windowMenu', 'help']);
  });

  it('registers exactly the contract channels', () => {
    expect((report.channels as string[]).sort()).toEqual(channels.map((spec) => spec.channel).sort());
  });

  it('serves the backend to its own page, with the kubeconfig named on the command line', () => {
    expect(report.info).toEqual({
      ok: true,
      value: { kind: 'electron', version: '0.1.0', platform: process.platform },
    });
    expect(report.state).toMatchObject({
      ok: true,
      value: { contexts: expect.arrayContaining([expect.objectContaining({ name: 'main-ctx' })]) },
    });
    // The large file was read by the bundled parser worker.
    const state = report.state as { value: { contexts: { name: string }[]; sources: { error?: string }[] } };
    expect(state.value.contexts.map((c) => c.name)).toContain('ctx0');
    expect(state.value.sources.filter((source) => source.error !== undefined)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(SECRET_TOKEN);
  });

  it('refuses bad arguments and subframes', () => {
    expect(report.badArgs).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(report.subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('remembers the window state in userData, readable by the user only', async () => {
    const file = path.join(dir, 'userData', 'window-state.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      bounds: { x: 10, y: 10, width: 1100, height: 700 },
      maximized: false,
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('the bundled Electron main process on the built-in sandbox', () => {
  let sandboxDir: string;
  let sandboxReport: Record<string, unknown>;

  beforeAll(async () => {
    sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'everynode-main-sandbox-'));
    // No kubeconfig at all: the app starts on the sandbox; its operator user signs in through the exec plugin.
    sandboxReport = await driveMain(sandboxDir, [], { env: { DRIVE_CONTEXT: 'sandbox-operator' } });
  }, 120_000);

  afterAll(() => rm(sandboxDir, { recursive: true, force: true }));

  it('connects as the exec-plugin user, and tells the window', () => {
    expect(sandboxReport.switched).toMatchObject({
      ok: true,
      value: { activeContext: 'sandbox-operator', connection: { state: 'connected' } },
    });
    expect(sandboxReport.events).toContain('everynode:onDidChangeClusters');
    // The sandbox cluster ran in a utility process of its own, from the bundle next to the main bundle.
    expect(sandboxReport.utilityProcesses).toEqual([
      { entry: path.join(sandboxDir, 'dist', 'sandbox-cluster', 'child.js'), serviceName: 'Everynode sandbox cluster' },
    ]);
  });
});

describe('the bundled Electron main process against the audit findings 1-5', () => {
  let root: string;
  let files: FindingFiles;
  let findings: Record<string, unknown>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'everynode-main-consent-'));
    files = writeFindingFiles(root);
    // The user's PATH holds the real marker; the working directory holds a look-alike (finding 5).
    findings = await driveMain(root, ['--kubeconfig', files.kubeconfig], {
      cwd: files.cwd,
      env: {
        PATH: `${files.goodBin}:${process.env.PATH ?? ''}`,
        DRIVE_SCENARIO: path.join(import.meta.dirname, 'fixtures', 'consent-findings.mjs'),
        DRIVE_FILES: JSON.stringify(files),
      },
    });
  }, 120_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('runs no kubeconfig program the user did not allow in a native dialog', () => {
    const report = findings.scenario as FindingsReport;
    expectFindingsClosed(report);
    // 5: the page said "Allow"; the dialog said "Don't run", then was closed: nothing ran, the last stays pending.
    expect(report.f5Denied).toMatchObject({ ok: true, value: { connection: { state: 'needs-consent' } } });
    expect(report.f5DeniedPending).toMatchObject({ denied: true });
    expect(report.f5Cancelled).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(report.f5CancelledPending).toMatchObject({ denied: false });
    expect(report.f5Allowlist).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(report.f5AllowlistAfter).toEqual([]);
    expect(report.f4Allowlist).toMatchObject({ ok: true, value: { allowlist: [files.markerName] } });
  });

  it('asks in native dialogs that show exactly what runs, with "Don\'t run" as the default', () => {
    const boxes = findings.messageBoxes as { title: string; detail: string; defaultId: number; buttons: string[] }[];
    const f3 = boxes.find((box) => box.detail.includes(' 1. f3'));
    expect(f3).toMatchObject({
      title: 'Run a credential program?',
      buttons: ["Don't run", 'Allow and connect', 'Cancel'],
      defaultId: 0,
    });
    expect(f3?.detail).toContain(`Program: ${path.join(files.goodBin, files.markerName)}`);
    expect(f3?.detail).toContain('Environment variables set by the kubeconfig: A');
    expect(boxes.find((box) => box.title === 'Change the allowlist?')?.detail).toBe(files.markerName);
  });
});
