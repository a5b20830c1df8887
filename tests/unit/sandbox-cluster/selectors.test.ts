import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../electron/sandbox-cluster/errors.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../../electron/sandbox-cluster/apimachinery/selectors.js';
import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const kinds = new KindCatalog(builtinKinds());
const PODS = kinds.get('pods').fields;
const DAEMONSETS = kinds.get('daemonsets').fields;

const labels = { app: 'web', tier: 'front', 'example.com/team': 'a' };

function matches(selector: string, l: Record<string, string> | undefined = labels): boolean {
  return matchesLabels(parseLabelSelector(selector), l);
}

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('label selectors', () => {
  it('matches equality forms =, == and !=', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web')).toBe(true);
    expect(matches('app=api')).toBe(false);
    expect(matches('app!=api')).toBe(true);
    expect(matches('app!=web')).toBe(false);
  });

  it('matches set forms in and notin, with spaces', () => {
    expect(matches('tier in (front, back)')).toBe(true);
    expect(matches('tier in (back)')).toBe(false);
    expect(matches('tier notin (back)')).toBe(true);
    expect(matches('tier notin (front,back)')).toBe(false);
  });

  it('treats != and notin as true for objects lacking the key', () => {
    expect(matches('zone!=a')).toBe(true);
    expect(matches('zone notin (a)')).toBe(true);
    expect(matches('zone in (a)')).toBe(false);
  });

  it('matches existence and absence, and ANDs comma-separated requirements', () => {
    expect(matches('app')).toBe(true);
    expect(matches('!app')).toBe(false);
    expect(matches('!zone')).toBe(true);
    expect(matches('app=web,tier=front,example.com/team=a')).toBe(true);
    expect(matches('app=web,tier=back')).toBe(false);
    expect(matches('', undefined)).toBe(true);
  });

  it('accepts an empty value', () => {
    expect(matches('app=', { app: '' })).toBe(true);
    expect(matches('app=', { app: 'x' })).toBe(false);
  });

  it.each(['app=web,', 'app in web', 'app in ()', 'app in (a', '=web', 'a b', 'bad key!=x y', 'app=a b', '-app=web'])(
    'rejects %j with a 400',
    (selector) => {
      const error = statusOf(() => parseLabelSelector(selector));
      expect(error.code).toBe(400);
      expect(error.reason).toBe('BadRequest');
      expect(error.message).toMatch(/^unable to parse requirement: /);
    },
  );

  it('rejects values longer than 63 characters', () => {
    expect(statusOf(() => parseLabelSelector(`app=${'a'.repeat(64)}`)).code).toBe(400);
  });
});

describe('field selectors', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p1', namespace: 'team-a', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { nodeName: 'worker-1' },
    status: { phase: 'Running' },
  } as KubeObject;

  it('matches metadata and pod fields with =, == and !=', () => {
    expect(matchesFields(PODS, parseFieldSelector(PODS, 'metadata.name=p1'), pod)).toBe(true);
    expect(matchesFields(PODS, parseFieldSelector(PODS, 'spec.nodeName==worker-1,status.phase=Running'), pod)).toBe(
      true,
    );
    expect(matchesFields(PODS, parseFieldSelector(PODS, 'status.phase!=Running'), pod)).toBe(false);
    expect(matchesFields(PODS, parseFieldSelector(PODS, 'metadata.namespace=team-b'), pod)).toBe(false);
  });

  it('refuses fields the resource does not support with the real message', () => {
    const error = statusOf(() => parseFieldSelector(DAEMONSETS, 'spec.nodeName=x'));
    expect(error.code).toBe(400);
    expect(error.message).toBe('field label not supported: spec.nodeName');
  });

  it('refuses a requirement without an operator', () => {
    expect(statusOf(() => parseFieldSelector(PODS, 'metadata.name')).code).toBe(400);
  });

  it('unescapes values', () => {
    const parsed = parseFieldSelector(PODS, 'metadata.name=a\\,b');
    expect(parsed).toEqual([{ field: 'metadata.name', value: 'a,b', negate: false }]);
  });
});
