import { describe, expect, it } from 'vitest';
import type { EverynodeServices } from '../../../electron/contract/index.js';
import { AppError } from '../../../electron/backend/errors.js';
import { dispatch } from '../../../electron/host/dispatch.js';

function services(calls: unknown[][]): EverynodeServices {
  const daemonsets = {
    prefix: 'ds',
    // A method that needs its `this`, as class-based services do.
    async redeploy(this: { prefix: string }, context: string, refs: unknown[]) {
      calls.push([context, refs]);
      return { results: [{ key: `${this.prefix}:${context}`, ok: true }] };
    },
  };
  const streams = {
    open(name: string, args: unknown[]) {
      calls.push([name, args]);
      return Promise.resolve({ streamId: 's1' });
    },
    dispose() {
      return Promise.reject(new AppError('not-found', 'No stream s9.', { status: 404 }));
    },
  };
  return { daemonsets, streams } as unknown as EverynodeServices;
}

describe('dispatch', () => {
  it('calls the service method with the validated arguments and wraps its value', async () => {
    const calls: unknown[][] = [];
    const result = await dispatch(services(calls), 'everynode:daemonsets.redeploy', [
      'dev',
      [{ namespace: 'team-a', name: 'agent' }],
    ]);
    expect(result).toEqual({ ok: true, value: { results: [{ key: 'ds:dev', ok: true }] } });
    expect(calls).toEqual([['dev', [{ namespace: 'team-a', name: 'agent' }]]]);
  });

  it('refuses unknown channels, non-string channels and non-array arguments', async () => {
    const calls: unknown[][] = [];
    for (const [channel, args] of [
      ['everynode:daemonsets.exec', []],
      ['constructor', []],
      [42, []],
      ['everynode:daemonsets.redeploy', { 0: 'dev' }],
    ] as const) {
      const result = await dispatch(services(calls), channel, args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(calls).toEqual([]);
  });

  it('names the bad argument without echoing its value', async () => {
    const result = await dispatch(services([]), 'everynode:clusters.addKubeconfig', [
      { kind: 'upload', name: 'k', content: 7, token: 'SECRET-TOKEN' },
    ]);
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).toContain('addKubeconfig');
    expect(text).not.toContain('SECRET-TOKEN');
  });

  it('refuses a namespace that is not a DNS-1123 label, saying which argument and why', async () => {
    for (const namespace of ['Team-A', '-a', 'a.b', 'x'.repeat(64), '']) {
      const result = await dispatch(services([]), 'everynode:daemonsets.nameAvailable', ['dev', namespace, 'agent']);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', message: expect.stringContaining('1: must be a DNS-1123 label') },
      });
    }
  });

  it('passes AppError code, message and status through', async () => {
    expect(await dispatch(services([]), 'everynode:streams.dispose', ['s9'])).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No stream s9.', status: 404 },
    });
  });

  it('checks a stream open against that stream’s own argument validator', async () => {
    const calls: unknown[][] = [];
    const logOptions = { follow: true, previous: false };
    expect(
      await dispatch(services(calls), 'everynode:streams.open', ['logs', ['dev', 'team-a', 'pod', 'main', logOptions]]),
    ).toEqual({ ok: true, value: { streamId: 's1' } });
    expect(calls).toEqual([['logs', ['dev', 'team-a', 'pod', 'main', logOptions]]]);
    const refusals = await Promise.all(
      [
        ['daemonSets', ['dev']],
        ['daemonSetDetail', ['dev', 'Not_A_Namespace', 'agent']],
        ['logs', ['dev', 'team-a', 'pod', 'main', { ...logOptions, tailLines: -1 }]],
        ['exec', ['dev']],
        ['coverage', ['dev', '']],
        ['shell', ['dev']],
      ].map((args) => dispatch(services(calls), 'everynode:streams.open', args)),
    );
    // The path names the argument inside the stream's args (`1.1` is its second one).
    expect(refusals.map((r) => (r.ok ? 'accepted' : r.error.message))).toEqual([
      'Invalid arguments for everynode:streams.open: 1: Too small: expected array to have >=2 items',
      'Invalid arguments for everynode:streams.open: 1.1: must be a DNS-1123 label (at most 63 lowercase letters, digits and "-")',
      'Invalid arguments for everynode:streams.open: 1.4.tailLines: Too small: expected number to be >=0',
      'Invalid arguments for everynode:streams.open: 1: Too small: expected array to have >=5 items',
      'Invalid arguments for everynode:streams.open: 1.1: Too small: expected string to have >=1 characters',
      'Invalid arguments for everynode:streams.open: 0: Invalid option: expected one of "daemonSets"|"daemonSetDetail"|"logs"|"coverage"|"exec"|"nodeView"|"podView"|"forward"|"podMetrics"|"nodeMetrics"|"podUsage"',
    ]);
    expect(calls).toHaveLength(1);
  });

  it('answers unsupported when the host offers no such method', async () => {
    expect(await dispatch(services([]), 'everynode:clusters.getState', [])).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});
