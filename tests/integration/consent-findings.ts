// Files for the findings 1-5 scenario (fixtures/consent-findings.mjs): a kubeconfig whose every program is a marker
// that logs its first argument, plus the hostile extras each finding used (a BASH_ENV script, a NODE_OPTIONS module,
// a look-alike program on a PATH the kubeconfig sets, a program in the host's working directory).
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import type { ConsentRequest, WireResult } from '../../electron/contract/index.js';

export interface FindingFiles extends Record<string, string> {
  root: string;
  log: string;
  kubeconfig: string;
  kubeconfigWithNodeOptions: string;
  uploadOne: string;
  uploadTwo: string;
  uploadRelative: string;
  markerName: string;
  /** Holds the real marker: it belongs on the user's PATH. */
  goodBin: string;
  /** The host's working directory for the relative-command case. */
  cwd: string;
}

const API = 'client.authentication.k8s.io/v1';

export function writeFindingFiles(root: string): FindingFiles {
  const log = path.join(root, 'runs.log');
  const goodBin = path.join(root, 'good-bin');
  const evilBin = path.join(root, 'evil-bin');
  const cwd = path.join(root, 'cwd');
  for (const dir of [goodBin, evilBin, cwd]) fs.mkdirSync(dir);
  const markerName = 'everynode-marker';
  const node = (label: string | undefined) =>
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, ${label === undefined ? "(process.argv[2] ?? '')" : JSON.stringify(label)} + '\\n');\nprocess.stdout.write(JSON.stringify({ apiVersion: '${API}', kind: 'ExecCredential', status: { token: 't' } }));\n`;
  const marker = path.join(goodBin, markerName);
  fs.writeFileSync(marker, node(undefined), { mode: 0o755 });
  fs.writeFileSync(path.join(evilBin, markerName), node('f4-evil'), { mode: 0o755 });
  fs.writeFileSync(path.join(cwd, markerName), node('f5-cwd'), { mode: 0o755 });
  const bashEnv = path.join(root, 'evil.sh');
  fs.writeFileSync(bashEnv, `echo f2-evil >> '${log}'\n`);
  const nodeOptions = path.join(root, 'evil.cjs');
  fs.writeFileSync(nodeOptions, `require('fs').appendFileSync(${JSON.stringify(log)}, 'f3-evil\\n');\n`);

  const exec = (command: string, args: unknown, env?: { name: string; value: string }[]) => ({
    exec: { apiVersion: API, command, args, ...(env ? { env } : {}) },
  });
  const clusters = [{ name: 'c', cluster: { server: 'https://127.0.0.1:9' } }];
  const context = (name: string, user: string) => ({ name, context: { cluster: 'c', user } });
  const doc = (nodeOptionsToo: boolean) => ({
    apiVersion: 'v1',
    kind: 'Config',
    clusters,
    users: [
      { name: 'f1', user: { 'auth-provider': { name: 'exec', config: exec(marker, ['f1']) } } },
      { name: 'f2', user: exec('/bin/bash', { env: { BASH_ENV: bashEnv } }) },
      {
        name: 'f3',
        user: exec(
          marker,
          ['f3'],
          [
            { name: 'A', value: '1' },
            ...(nodeOptionsToo ? [{ name: 'NODE_OPTIONS', value: `--require ${nodeOptions}` }] : []),
          ],
        ),
      },
      { name: 'f4', user: exec(markerName, ['f4'], [{ name: 'PATH', value: evilBin }]) },
      { name: 'f5', user: exec(marker, ['f5']) },
    ],
    contexts: [
      context('f1-provider-exec', 'f1'),
      context('f2-args-mapping', 'f2'),
      context('f3-env', 'f3'),
      context('f4-path', 'f4'),
      context('f5-page', 'f5'),
    ],
    'current-context': 'f1-provider-exec',
  });
  const upload = (name: string, command: string, label: string) =>
    stringify({ clusters, users: [{ name, user: exec(command, [label]) }], contexts: [context(name, name)] });
  const files: FindingFiles = {
    root,
    log,
    kubeconfig: path.join(root, 'findings.yaml'),
    kubeconfigWithNodeOptions: path.join(root, 'findings-node-options.yaml'),
    uploadOne: path.join(root, 'upload-one.yaml'),
    uploadTwo: path.join(root, 'upload-two.yaml'),
    uploadRelative: path.join(root, 'upload-relative.yaml'),
    markerName,
    goodBin,
    cwd,
  };
  fs.writeFileSync(files.kubeconfig, stringify(doc(false)));
  fs.writeFileSync(files.kubeconfigWithNodeOptions, stringify(doc(true)));
  fs.writeFileSync(files.uploadOne, upload('upload-one', marker, 'upload'));
  fs.writeFileSync(files.uploadTwo, upload('upload-two', marker, 'upload'));
  fs.writeFileSync(files.uploadRelative, upload('upload-relative', `./${markerName}`, 'f5-cwd'));
  return files;
}

interface Observed {
  state?: { state: string; message?: string };
  ran: string[];
}

/** What fixtures/consent-findings.mjs reports. */
export interface FindingsReport {
  f1Start: Observed;
  f1Request: ConsentRequest | null;
  f1Selected: Observed;
  f2: Observed;
  f3Allowed: Observed;
  f3Changed: Observed;
  f3Request: ConsentRequest | null;
  f4Allowlist: WireResult<unknown>;
  f4: Observed;
  f5Denied?: WireResult<{ connection: { state: string } }>;
  f5DeniedPending?: ConsentRequest | null;
  f5Cancelled?: WireResult<unknown>;
  f5CancelledPending?: ConsentRequest | null;
  f5Allowlist: WireResult<unknown>;
  f5AllowlistAfter: string[];
  f5Ran: string[];
  uploadOneRan: string[];
  uploadTwo: { state: string; message?: string };
  uploadTwoRan: string[];
  uploadRelative: { state: string; message?: string };
  uploadRelativeRan: string[];
}

/** What both hosts must show for findings 1-5 (the parts that differ by host are checked by each test). */
export function expectFindingsClosed(report: FindingsReport): void {
  expect.soft(report.f1Start.ran).toEqual([]);
  expect.soft(report.f1Request?.program).toMatchObject({ source: 'auth-provider-exec', args: ['f1'] });
  expect.soft(report.f1Selected).toEqual({ state: expect.objectContaining({ state: 'needs-consent' }), ran: [] });

  expect.soft(report.f2.state).toEqual({
    state: 'error',
    message: 'Context "f2-args-mapping": User "f2": exec.args must be a list of strings, not a mapping.',
  });
  expect.soft(report.f2.ran).toEqual([]);

  expect.soft(report.f3Allowed.ran).toEqual(['f3']);
  expect.soft(report.f3Changed).toEqual({ state: expect.objectContaining({ state: 'needs-consent' }), ran: [] });
  expect.soft(report.f3Request?.program.envNames).toEqual(['A', 'NODE_OPTIONS']);

  expect.soft(report.f4.ran).toEqual(['f4']);

  expect.soft(report.f5Ran).toEqual([]);
  expect.soft(report.uploadOneRan).toEqual(['upload']);
  expect.soft(report.uploadTwo).toMatchObject({ state: 'needs-consent' });
  expect.soft(report.uploadTwoRan).toEqual([]);
  expect.soft(report.uploadRelative).toEqual({
    state: 'error',
    message:
      'Context "upload-relative": User "upload-relative": exec.command is a relative path, and an uploaded kubeconfig has no directory to resolve it against.',
  });
  expect.soft(report.uploadRelativeRan).toEqual([]);
}
