import { describe, expect, it } from 'vitest';
import { readyText, rowStatus } from '../../../../renderer/shared/status';
import { row } from '../fixtures';

describe('rowStatus follows the rules of product.md section 2 in order', () => {
  it('rule 1: a generation the controller has not observed is Updating, even when everything else looks settled', () => {
    const s = rowStatus(row('a', { generation: 3, observedGeneration: 2 }));
    expect(s).toEqual({ phase: 'Updating', reason: { key: 'status.reason.notObserved' } });
  });

  it('rule 1: a brand-new DaemonSet with an empty status is Updating, not Stopped', () => {
    const fresh = row('new', {
      generation: 1,
      observedGeneration: undefined,
      status: { desired: 0, current: 0, ready: 0, available: 0, updated: 0 },
    });
    expect(rowStatus(fresh).phase).toBe('Updating');
  });

  it('rule 2: desired 0 once observed is Stopped, before any count rule', () => {
    const stopped = row('idle', { status: { desired: 0, current: 0, ready: 0, available: 0, updated: 0 } });
    expect(rowStatus(stopped)).toEqual({ phase: 'Stopped', reason: { key: 'status.reason.noNodes' } });
  });

  it('rule 3: fewer available pods than desired is Updating', () => {
    const s = rowStatus(row('a', { status: { available: 2, ready: 2 } }));
    expect(s.phase).toBe('Updating');
    expect(s.reason).toEqual({ key: 'status.reason.available', params: { available: 2, desired: 3 } });
  });

  it('rule 3: a misscheduled pod is Updating even when all are available', () => {
    const s = rowStatus(row('a', { status: { misscheduled: 1 } }));
    expect(s.phase).toBe('Updating');
    expect(s.reason).toMatchObject({ key: 'status.reason.misscheduled', params: { count: 1 } });
  });

  it('rule 3: a RollingUpdate with pods not yet updated is Updating (what KubeSphere misses)', () => {
    const s = rowStatus(row('a', { status: { updated: 1 } }));
    expect(s).toEqual({
      phase: 'Updating',
      reason: { key: 'status.reason.updated', params: { updated: 1, desired: 3 } },
    });
  });

  it('rule 4: everything in place is Running without a reason', () => {
    expect(rowStatus(row('a'))).toEqual({ phase: 'Running' });
  });

  it('OnDelete: old-revision pods do not make it Updating; the row says how many to delete', () => {
    const s = rowStatus(row('a', { strategy: { type: 'OnDelete' }, status: { updated: 1 }, oldRevisionPods: 2 }));
    expect(s).toEqual({ phase: 'Running', reason: { key: 'status.reason.oldRevision', params: { old: 2, total: 3 } } });
  });

  it('OnDelete: without the backend count, old pods are current minus updated', () => {
    const s = rowStatus(row('a', { strategy: { type: 'OnDelete' }, status: { updated: 0 } }));
    expect(s.reason).toEqual({ key: 'status.reason.oldRevision', params: { old: 3, total: 3 } });
  });

  it('OnDelete: unavailable pods still make it Updating', () => {
    const s = rowStatus(row('a', { strategy: { type: 'OnDelete' }, status: { available: 1 } }));
    expect(s.phase).toBe('Updating');
  });

  it('the reason of an Updating row comes from its pods when the backend reports issues', () => {
    const s = rowStatus(
      row('a', {
        status: { desired: 5, available: 3, ready: 3 },
        podIssues: [{ reason: 'ContainerCreating', nodes: ['node-1', 'node-2'] }],
      }),
    );
    expect(s).toEqual({
      phase: 'Updating',
      reason: { key: 'status.reason.pulling', params: { count: 2, desired: 5 } },
    });
  });

  it('pod issues also explain rule 1 (a new DaemonSet pulling images)', () => {
    const s = rowStatus(
      row('a', { generation: 1, observedGeneration: undefined, podIssues: [{ reason: 'Pulling', nodes: ['n1'] }] }),
    );
    expect(s.reason?.key).toBe('status.reason.pulling');
  });

  it('readyText is ready/desired', () => {
    expect(readyText(row('a', { status: { ready: 2, desired: 5 } }))).toBe('2/5');
  });
});
