import { describe, expect, it } from 'vitest';
import { hashWithTab, tabParam } from '../../../../renderer/detail/detail-tabs';
import { hashWithPod, podParam } from '../../../../renderer/pods/pod-url';
import { parseHash } from '../../../../renderer/router';

describe('the detail page’s tab in the URL', () => {
  const page = '#/ds/ctx/team-a/probe';

  it('is Overview unless the hash names another tab that exists', () => {
    expect(tabParam(page)).toBe('overview');
    expect(tabParam(`${page}?tab=logs`)).toBe('logs');
    expect(tabParam(`${page}?tab=nope`)).toBe('overview');
    expect(tabParam(`${page}?pod=team-a/p-1&tab=history`)).toBe('history');
    expect(parseHash(`${page}?tab=yaml`)).toEqual({
      view: 'detail',
      context: 'ctx',
      namespace: 'team-a',
      name: 'probe',
    });
  });

  it('is written only for a tab other than Overview', () => {
    expect(hashWithTab(page, 'events')).toBe(`${page}?tab=events`);
    expect(hashWithTab(`${page}?tab=events`, 'overview')).toBe(page);
    expect(hashWithTab(`${page}?tab=events`, 'yaml')).toBe(`${page}?tab=yaml`);
  });

  it('and the pod panel’s pod survive each other’s changes, each staying in its place', () => {
    const pod = { namespace: 'team-a', name: 'probe-x7k2p' };
    const both = hashWithPod(hashWithTab(page, 'pods'), pod);
    expect(both).toBe(`${page}?tab=pods&pod=team-a/probe-x7k2p`);
    expect(tabParam(both)).toBe('pods');
    expect(podParam(both)).toEqual({ kind: 'pod', pod });
    expect(hashWithTab(both, 'logs')).toBe(`${page}?tab=logs&pod=team-a/probe-x7k2p`);
    expect(hashWithPod(both, null)).toBe(`${page}?tab=pods`);
    expect(hashWithTab(both, 'overview')).toBe(`${page}?pod=team-a/probe-x7k2p`);
    expect(hashWithPod(`${page}?pod=a/b&tab=logs`, pod)).toBe(`${page}?pod=team-a/probe-x7k2p&tab=logs`);
  });
});
