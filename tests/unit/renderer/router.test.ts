import { describe, expect, it } from 'vitest';
import { clustersHash, detailHash, fleetHash, nodeHash, nodesHash, parseHash } from '../../../renderer/router';

describe('parseHash', () => {
  it('opens the Nodes page at #/nodes, and a node URL as that node view', () => {
    expect(parseHash(nodesHash)).toEqual({ view: 'nodes' });
    expect(parseHash('#/nodes/ctx/worker-1')).toEqual({ view: 'node', context: 'ctx', node: 'worker-1' });
  });

  it('opens the Clusters page at #/clusters only', () => {
    expect(parseHash(clustersHash)).toEqual({ view: 'clusters' });
    expect(parseHash('#clusters')).toEqual({ view: 'clusters' });
    expect(parseHash('#/clusters/extra')).toEqual({ view: 'list' });
  });

  it('opens the fleet view at #/fleet only', () => {
    expect(parseHash(fleetHash)).toEqual({ view: 'fleet' });
    expect(parseHash('#/fleet/extra')).toEqual({ view: 'list' });
  });

  it('still reads a detail page, including one of a context named "clusters"', () => {
    expect(parseHash(detailHash('clusters', 'ns', 'ds'))).toEqual({
      view: 'detail',
      context: 'clusters',
      namespace: 'ns',
      name: 'ds',
    });
    expect(parseHash('#/')).toEqual({ view: 'list' });
  });

  it('opens a node view at #/nodes/<context>/<node>, names escaped', () => {
    expect(parseHash(nodeHash('kind/dev', 'worker-1'))).toEqual({
      view: 'node',
      context: 'kind/dev',
      node: 'worker-1',
    });
    expect(parseHash('#/nodes/dev/worker-1/extra')).toEqual({ view: 'list' });
    expect(parseHash('#/nodes/dev/%E0%A4%A')).toEqual({ view: 'list' });
  });
});
