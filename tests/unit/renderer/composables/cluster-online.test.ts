// Offline authoring's reason: no context at all (the sandbox off or not), or the active context in any state but
// connected ("no cluster reachable") — each named, and none while connected.
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../electron/contract/dto';
import { offlineReasonOf } from '../../../../renderer/composables/useClusterOnline';

const state = (activeContext: string | null, connection: ConnectionState, sandboxAvailable = true) => ({
  activeContext,
  connection: { state: connection },
  sandboxAvailable,
});

describe('why no server can be asked', () => {
  it('is nothing while the active context is connected', () => {
    expect(offlineReasonOf(state('prod', 'connected'))).toBeNull();
  });

  it('names a missing context, and the sandbox when it is off', () => {
    expect(offlineReasonOf(null)?.key).toBe('editor.noCluster.none');
    expect(offlineReasonOf(state(null, 'not-connected'))?.key).toBe('editor.noCluster.none');
    expect(offlineReasonOf(state(null, 'not-connected', false))?.key).toBe('editor.noCluster.noneNoSandbox');
  });

  it('names the context and its state when it is not reachable or not yet connected', () => {
    for (const s of ['unreachable', 'not-responding', 'connecting', 'unauthorized', 'needs-consent'] as const) {
      expect(offlineReasonOf(state('prod', s))).toEqual({
        key: 'editor.noCluster.state',
        params: { context: 'prod', state: `cluster.state.${s}` },
      });
    }
  });
});
