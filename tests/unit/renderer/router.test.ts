import { describe, expect, it } from 'vitest';
import { clustersHash, detailHash, parseHash } from '../../../renderer/router';

describe('parseHash', () => {
  it('opens the Clusters page at #/clusters only', () => {
    expect(parseHash(clustersHash)).toEqual({ view: 'clusters' });
    expect(parseHash('#clusters')).toEqual({ view: 'clusters' });
    expect(parseHash('#/clusters/extra')).toEqual({ view: 'list' });
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
});
