import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../electron/contract/index.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/static-files.js';
import { buildElectron } from '../../scripts/build-electron.mjs';

// The bundled main process (what `npm start` runs) on a stand-in `electron` module: Electron's binary cannot be
// downloaded here, but the bundle, its wiring and the real backend behind it can still be exercised end to end.

const SECRET_TOKEN = 'main-process-secret-token-abcdefghijklmnopqrstuvwxyz0123456789';
let dir: string;
let report: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-main-'));
  const outDir = path.join(dir, 'dist');
  const built = await buildElectron({ outDir });
  await mkdir(path.join(outDir, 'renderer'));
  await writeFile(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Everynode window</title>');
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
  await mkdir(path.join(dir, 'home'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(import.meta.dirname, 'fixtures', 'drive-main.mjs'), built.main, '--kubeconfig', kubeconfig],
    {
      env: { PATH: process.env.PATH, HOME: path.join(dir, 'home'), FAKE_ELECTRON_DIR: dir },
      timeout: 60_000,
    },
  );
  report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
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
    expect(report.menu).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
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
      value: { contexts: [expect.objectContaining({ name: 'main-ctx' })] },
    });
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
    const built = await buildElectron({ outDir: path.join(sandboxDir, 'dist') });
    await mkdir(path.join(sandboxDir, 'dist', 'renderer'));
    await writeFile(path.join(sandboxDir, 'dist', 'renderer', 'index.html'), '<!doctype html>');
    await mkdir(path.join(sandboxDir, 'home'));
    // No kubeconfig at all: the app starts on the sandbox; its operator user signs in through the exec plugin.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(import.meta.dirname, 'fixtures', 'drive-main.mjs'), built.main],
      {
        env: {
          PATH: process.env.PATH,
          HOME: path.join(sandboxDir, 'home'),
          FAKE_ELECTRON_DIR: sandboxDir,
          DRIVE_CONTEXT: 'sandbox-operator',
        },
        timeout: 90_000,
      },
    );
    sandboxReport = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
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
