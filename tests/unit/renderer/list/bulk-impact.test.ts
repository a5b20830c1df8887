import { describe, expect, it } from 'vitest';
import { bulkImpact } from '../../../../renderer/list/bulk-impact';
import { row } from '../fixtures';

describe('what a bulk redeploy or delete does to pods', () => {
  it('counts every pod for a delete, and only RollingUpdate pods as restarting for a redeploy', () => {
    const impact = bulkImpact([
      row('agent', { status: { current: 3 } }),
      row('stray', { status: { current: 2, misscheduled: 1 } }),
      row('legacy', { strategy: { type: 'OnDelete' }, status: { current: 4 } }),
    ]);
    expect(impact).toEqual({ names: ['agent', 'stray', 'legacy'], pods: 10, restarting: 5, onDelete: ['legacy'] });
  });

  it('says nothing restarts for DaemonSets without pods', () => {
    expect(bulkImpact([row('idle', { status: { desired: 0, current: 0 } })])).toMatchObject({ pods: 0, restarting: 0 });
  });
});
