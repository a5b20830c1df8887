import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox-cluster/index';
import { METRIC_IDS, scenarioOf } from '../../bench/metric-ids';
import { scaleCommands } from '../../bench/sandbox/scale-world';
import { stepStarts } from '../../bench/scenarios/scale-detail';
import { lags } from '../../bench/scenarios/scale-support';

// The scale scenarios' bookkeeping: which rows they own, how a node's latency is measured from the step that
// replaced its pod, and the world's rollout played as maxUnavailable steps until no old pod is left.
describe('bench scale scenarios', () => {
  let sandbox: SandboxHandle | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('owns its rows by scenario', () => {
    const of = (name: string) => METRIC_IDS.filter((id) => scenarioOf(id) === name);
    expect(of('scale-detail')).toEqual([
      'scale.detail.open.ms',
      'scale.detail.rollout.grid.p99.ms',
      'scale.detail.rollout.longtask.max.ms',
      'scale.list.reason.ms',
    ]);
    expect(of('matrix')).toHaveLength(6);
    expect(of('fleet')).toEqual(['fleet.open.ms']);
  });

  it('measures each node from the start of the step whose pod reached the raw watch, and only nodes both saw', () => {
    const rollout = {
      hash: 'h',
      steps: [
        { at: 1000, doneAt: 1010, moved: 2 },
        { at: 2000, doneAt: 2010, moved: 2 },
      ],
    };
    const arrivals = new Map([
      ['n1', 1020],
      ['n2', 1030],
      ['n3', 2040],
      ['n4', 2050],
    ]);
    const starts = stepStarts(rollout, arrivals);
    expect([...starts]).toEqual([
      ['n1', 1000],
      ['n2', 1000],
      ['n3', 2000],
      ['n4', 2000],
    ]);
    expect(lags({ n1: 1100, n3: 2500 }, starts)).toEqual([100, 500]);
  });

  it('rolls a DaemonSet out in steps of maxUnavailable pods until none is old, then fails every pod', async () => {
    sandbox = await startSandbox({ port: 0, name: 'scaleworld', light: true });
    const running = sandbox;
    const commands = scaleCommands(() => running);
    const world = await commands.lightWorld({
      nodes: 20,
      namespace: 'scale',
      daemonSets: [{ name: 'agent', image: 'example.com/agent:1' }],
    });
    expect(world).toMatchObject({ nodes: 20, pods: 20 });
    const result = await commands.lightRollout({
      namespace: 'scale',
      name: 'agent',
      image: 'example.com/agent:2',
      stepPods: 2,
      intervalMs: 0,
    });
    expect(result.steps.map((s) => s.moved)).toEqual(Array(10).fill(2));
    const pods = running.api.list('pods', 'scale');
    expect(pods).toHaveLength(20);
    expect(new Set(pods.map((p) => p.metadata.labels?.['controller-revision-hash']))).toEqual(new Set([result.hash]));
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(20);
    const failed = await commands.lightFail({ namespace: 'scale', name: 'agent', reason: 'CrashLoopBackOff' });
    expect(failed.changed).toBe(20);
    const ds = running.api.get('daemonsets', 'scale', 'agent');
    expect(ds?.status).toMatchObject({ desiredNumberScheduled: 20, numberReady: 0, updatedNumberScheduled: 20 });
  });
});
