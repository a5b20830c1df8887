import { markRaw } from 'vue';
import type { DaemonSetDelta, DaemonSetRow } from '../../electron/contract/dto';

/**
 * Applies one delta batch to the rows held for a subscription, in place. Rows are marked raw: Vue never wraps them
 * in proxies, so thousands of rows cost one Map, and a change is one replaced object, not a deep reactive walk.
 */
export function applyDelta(rows: Map<string, DaemonSetRow>, delta: DaemonSetDelta): void {
  if (delta.reset) rows.clear();
  for (const key of delta.removals) rows.delete(key);
  for (const row of delta.upserts) rows.set(row.key, markRaw(row));
}
