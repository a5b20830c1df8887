// Findings 1-5 of the audit (issue 19) through the browser host, as a page would reach it: its WebSocket bridge.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage, WireResult } from '../../electron/contract/index.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';
import { tempDir } from './backend-harness.js';
import { expectFindingsClosed, writeFindingFiles, type FindingFiles, type FindingsReport } from './consent-findings.js';
// @ts-expect-error: a plain JavaScript fixture, shared with the Electron main's driver.
import { runConsentFindings } from './fixtures/consent-findings.mjs';
import { signIn } from './web-sign-in.js';

const root = tempDir('everynode-web-consent-');
const savedPath = process.env.PATH;
let files: FindingFiles;
let staticDir: string;

beforeAll(() => {
  files = writeFindingFiles(root);
  staticDir = path.join(root, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  // The user's own PATH holds the real marker; the kubeconfig's PATH holds a look-alike.
  process.env.PATH = `${files.goodBin}:${savedPath ?? ''}`;
});
afterAll(() => {
  process.env.PATH = savedPath;
});

const start = (stateDir: string, allowPrograms: string[]) =>
  startWebHost({
    sandbox: 'off',
    kubeconfigs: [files.kubeconfig],
    homeDir: path.join(root, 'home'),
    stateDir,
    staticDir,
    allowPrograms,
    tuning: { requestTimeoutMs: 2000, kubeconfigDebounceMs: 50 },
  });

/** A page's bridge: calls by channel, answered in order. */
async function bridge(host: WebHost) {
  const cookie = await signIn(host);
  const socket = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, {
      headers: { cookie, origin: `http://127.0.0.1:${host.port}` },
    });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
  let nextId = 1;
  const call = (channel: string, ...args: unknown[]): Promise<WireResult<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type === 'result' && message.id === id) {
          socket.off('message', onMessage);
          resolve(message.result);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ type: 'call', id, channel, args }));
    });
  return { call, close: () => socket.close() };
}

const ran = () => (fs.existsSync(files.log) ? fs.readFileSync(files.log, 'utf8').split('\n').filter(Boolean) : []);

describe('the browser host against the audit findings 1-5', () => {
  it('runs no kubeconfig program the user did not see and allow', async () => {
    // The allowlist comes from the host's command line only.
    const host = await start(path.join(root, 'state'), [files.markerName]);
    const page = await bridge(host);
    try {
      const report = (await runConsentFindings({
        call: page.call,
        answer: () => undefined,
        native: false,
        files,
      })) as FindingsReport;
      expectFindingsClosed(report);
      // 4: the page cannot change the allowlist; the command line's entry allowed the bare name.
      expect(report.f4Allowlist).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(report.f5Allowlist).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(report.f5AllowlistAfter).toEqual([files.markerName]);
    } finally {
      page.close();
      await host.close();
    }
  });

  it('runs an allowed program at start only once a page exists and the user chose its context', async () => {
    fs.rmSync(files.log, { force: true });
    const stateDir = path.join(root, 'state-start');
    const marker = path.join(files.goodBin, files.markerName);
    // f1 is the kubeconfig's current context and its program is allowlisted: the file chose it, not the user.
    let host = await start(stateDir, [marker]);
    let page = await bridge(host);
    // Until the host has read the context's user stanza, its state is a bare "not-connected" with no message (a
    // fast machine sees that first): a settled state is one of these and carries its reason.
    const settled = async (states: string[]) => {
      for (let i = 0; i < 600; i++) {
        const state = (await page.call('everynode:clusters.getState')) as WireResult<{
          connection: { state: string; message?: string };
        }>;
        if (state.ok && states.includes(state.value.connection.state) && state.value.connection.message !== undefined)
          return state.value.connection;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the context never reached ${states.join(' or ')}`);
    };
    expect(await settled(['not-connected'])).toEqual({
      state: 'not-connected',
      message: `Context "f1-provider-exec" runs the credential program "${marker}": choose Connect to run it.`,
    });
    expect(ran()).toEqual([]);
    await page.call('everynode:clusters.switchContext', 'f1-provider-exec');
    await settled(['unreachable', 'unauthorized']);
    expect(ran()).toEqual(['f1']);
    page.close();
    await host.close();

    // The user chose it last time: it connects again as soon as a page exists.
    fs.rmSync(files.log, { force: true });
    host = await start(stateDir, [marker]);
    page = await bridge(host);
    await settled(['unreachable', 'unauthorized']);
    expect(ran()).toEqual(['f1']);
    page.close();
    await host.close();
  });
});
