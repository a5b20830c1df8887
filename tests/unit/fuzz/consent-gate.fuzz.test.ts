import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../../electron/contract/index.js';
import { ConsentGate, type GateOutcome, type ProgramOrigin } from '../../../electron/backend/consent/gate.js';
import { ConsentStore } from '../../../electron/backend/consent/store.js';
import type { ResolvedContext } from '../../../electron/backend/kubeconfig/merge.js';
import { ContextSession } from '../../../electron/backend/session/session.js';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS } from './support.js';
import { userStanza } from './user-stanza-arbitraries.js';

// For any user stanza, the gate either refuses the context or shows a program; nothing runs until the user allows
// it; and then what client-node really starts is exactly what the user was shown. client-node's own calls into
// child_process are recorded (and still made: the marker program logs every real run).

type Call = { fn: 'spawn'; file: string; args: unknown; options: unknown } | { fn: 'execSync'; line: unknown };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-gate-fuzz-'));
const bin = path.join(dir, 'bin');
const runs = path.join(dir, 'runs.log');
const markerName = 'everynode-marker';
const markerPath = path.join(bin, markerName);
const calls: Call[] = [];
const real = { spawn: childProcess.spawn, execSync: childProcess.execSync };

beforeAll(() => {
  fs.mkdirSync(bin);
  fs.writeFileSync(
    markerPath,
    `#!/bin/sh\necho run >> '${runs}'\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`,
    { mode: 0o755 },
  );
  const recorder = childProcess as unknown as Record<string, unknown>;
  recorder.spawn = (file: string, args: unknown, options: unknown) => {
    calls.push({ fn: 'spawn', file, args, options });
    return (real.spawn as (...a: unknown[]) => unknown)(file, args, options);
  };
  recorder.execSync = (line: unknown, ...rest: unknown[]) => {
    calls.push({ fn: 'execSync', line });
    return (real.execSync as (...a: unknown[]) => unknown)(line, ...rest);
  };
});

afterAll(() => {
  Object.assign(childProcess, real);
  fs.rmSync(dir, { recursive: true, force: true });
});

const runCount = (): number => (fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').split('\n').length - 1 : 0);

function resolvedFor(user: Record<string, unknown>): ResolvedContext {
  return {
    summary: { name: 'fuzz', cluster: 'c', server: 'https://127.0.0.1:9', user: 'u', sourceId: 'x', sandbox: false },
    context: { name: 'fuzz', body: { cluster: 'c', user: 'u' } },
    cluster: { name: 'c', body: { server: 'https://127.0.0.1:9' } },
    user: { name: 'u', body: user },
  };
}

/** Lets client-node authenticate one request with the stanza the gate built, as a session's first call does. */
async function authenticateOnce(resolved: ResolvedContext, user: Record<string, unknown>): Promise<void> {
  const session = await ContextSession.create(resolved, user, 2000);
  await session.kubeConfig
    .applySecurityAuthentication(new RequestContext('https://127.0.0.1:9/version', HttpMethod.GET))
    .catch(() => undefined);
}

function expectShownWasRun(shown: ConsentRequest['program'], raw: Record<string, unknown>): void {
  const call = calls[0];
  if (shown.shell) {
    // gcp/azure run only when their token is missing or expired; then exactly the line shown.
    expect(calls.length).toBeLessThanOrEqual(1);
    if (call) expect(call).toEqual({ fn: 'execSync', line: shown.spawned.args.at(-1) });
    return;
  }
  expect(calls).toHaveLength(1);
  if (call?.fn !== 'spawn') throw new Error('expected a spawn');
  expect([call.file, call.args]).toEqual([shown.spawned.file, shown.spawned.args]);
  // The options are the environment only (nothing a mapping could smuggle in), and it differs from the app's own
  // by the kubeconfig's variables the user was shown, plus PATH and KUBERNETES_EXEC_INFO where it sets none.
  const options = call.options as { env: Record<string, string> };
  expect(Object.keys(options)).toEqual(['env']);
  const declared = new Map<string, string>();
  const exec = (raw.exec ?? (raw['auth-provider'] as { config: { exec: unknown } }).config.exec) as {
    env?: { name: string; value: string }[];
  };
  for (const entry of exec.env ?? []) declared.set(entry.name, entry.value);
  expect([...declared.keys()]).toEqual(shown.envNames);
  const expected: Record<string, string | undefined> = { ...process.env };
  expected.PATH = `${bin}:${process.env.PATH ?? ''}`;
  expected.KUBERNETES_EXEC_INFO = options.env.KUBERNETES_EXEC_INFO;
  for (const [name, value] of declared) expected[name] = value;
  expect(options.env).toEqual(expected);
  if (!declared.has('KUBERNETES_EXEC_INFO')) {
    expect(JSON.parse(options.env.KUBERNETES_EXEC_INFO ?? '')).toMatchObject({ spec: { interactive: false } });
  }
}

describe('the consent gate over any user stanza', () => {
  it(
    'refuses it, or shows exactly what client-node will start, and starts nothing before the user allows it',
    async () => {
      const store = new ConsentStore(path.join(dir, 'state'));
      await store.load();
      const gate = new ConsentGate(
        store,
        () => undefined,
        () => Promise.resolve(`${bin}:${process.env.PATH ?? ''}`),
      );
      let shownPrograms = 0;
      await checkProperty(
        'user stanzas: consent gate vs client-node spawns',
        fc.asyncProperty(userStanza({ markerName, markerPath }), fc.boolean(), async (raw, upload) => {
          calls.length = 0;
          const before = runCount();
          const origin: ProgramOrigin = upload
            ? { trusted: false, file: 'upload: config', identity: `upload:${Math.random()}`, hasDirectory: false }
            : { trusted: false, file: '/home/u/.kube/config', identity: `/f/${Math.random()}`, hasDirectory: true };
          const resolved = resolvedFor(raw);
          let outcome: GateOutcome = await gate.check('fuzz', 'u', raw, origin);
          gate.present('fuzz', outcome);
          if (outcome.kind === 'ready') {
            // Nothing is allowed yet, so only a stanza that runs no program may connect at once.
            expect(outcome.launch).toBeUndefined();
            await authenticateOnce(resolved, outcome.user);
            expect(calls).toEqual([]);
          }
          expect(runCount()).toBe(before);
          if (outcome.kind !== 'needs-consent') return;
          shownPrograms += 1;
          const shown = outcome.request.program;
          await gate.decide(outcome.request.id, true);
          outcome = await gate.check('fuzz', 'u', raw, origin);
          if (outcome.kind !== 'ready') throw new Error(`allowed, yet ${outcome.kind}`);
          await authenticateOnce(resolved, outcome.user);
          expectShownWasRun(shown, raw);
          expect(runCount() - before).toBe(calls.length);
        }),
        RUNS.medium,
      );
      // The generator must reach the interesting part: programs that were shown, allowed and really run.
      console.log(`[fuzz] ${shownPrograms} programs shown and allowed, ${runCount()} real runs of the marker`);
      expect(shownPrograms).toBeGreaterThan(RUNS.medium / 10);
      expect(runCount()).toBeGreaterThan(RUNS.medium / 20);
    },
    PROPERTY_TIMEOUT_MS * 2,
  );
});
