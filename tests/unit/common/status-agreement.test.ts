// The backend's choice of which DaemonSets get their pods watched (isSettled) and the list's status column (rowStatus)
// read one rule: over every combination of the status block's edges, "settled" is exactly "not Updating".
import { describe, expect, it } from 'vitest';
import { isSettled, toRow } from '../../../electron/backend/resources/rows.js';
import type { DaemonSetObject } from '../../../electron/backend/kinds/objects.js';
import { rowStatus } from '../../../renderer/shared/status';

function* daemonSets(): Generator<DaemonSetObject> {
  for (const observedGeneration of [undefined, 1, 2, 3])
    for (const type of ['RollingUpdate', 'OnDelete', undefined, 'Unknown'])
      for (const desired of [0, 3])
        for (const available of [0, 2, 3])
          for (const updated of [0, 3])
            for (const misscheduled of [0, 1])
              yield {
                metadata: { name: 'agent', namespace: 'ops', uid: 'u', generation: 2 },
                spec: { updateStrategy: type === undefined ? {} : { type } },
                status: {
                  ...(observedGeneration === undefined ? {} : { observedGeneration }),
                  desiredNumberScheduled: desired,
                  currentNumberScheduled: desired,
                  numberReady: available,
                  numberAvailable: available,
                  updatedNumberScheduled: updated,
                  numberMisscheduled: misscheduled,
                },
              };
}

describe('one settled rule for the backend and the renderer', () => {
  it('isSettled holds exactly when the row is Running or Stopped', () => {
    const disagreements = [...daemonSets()].filter(
      (ds) => isSettled(ds) !== (rowStatus(toRow(ds)).phase !== 'Updating'),
    );
    expect(disagreements).toEqual([]);
  });

  it('the grid reaches every phase, so the agreement is not over one kind of DaemonSet', () => {
    const phases = new Set([...daemonSets()].map((ds) => rowStatus(toRow(ds)).phase));
    expect([...phases].sort()).toEqual(['Running', 'Stopped', 'Updating']);
  });
});
