// events.k8s.io/v1 Events, served from the same storage as core/v1 Events (as upstream: one etcd resource, two
// representations), and the virtual resources that only answer a POST: access reviews and SelfSubjectReview.
import type { KubeObject } from '../types.js';
import { EVENT_COLUMNS } from '../server/table-simple.js';
import { builtin, type KindDescriptor } from './descriptor.js';

type Json = Record<string, unknown>;
const EVENTS = { group: 'events.k8s.io', version: 'v1', prefix: 'io.k8s.api.events.v1' };

/** core/v1 field -> events.k8s.io/v1 field, for the fields whose names differ. */
const RENAMED: [string, string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];
const SAME = ['metadata', 'eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type'];

function convert(o: KubeObject, apiVersion: string, pairs: [string, string][]): KubeObject {
  const out: Json = { apiVersion, kind: 'Event' };
  for (const f of SAME) if (o[f] !== undefined && o[f] !== null) out[f] = o[f];
  for (const [from, to] of pairs) if (o[from] !== undefined && o[from] !== null) out[to] = o[from];
  return out as KubeObject;
}

export const eventsV1Conversion: NonNullable<KindDescriptor['conversion']> = {
  fromStorage: (o) => convert(o, 'events.k8s.io/v1', RENAMED),
  toStorage: (o) =>
    convert(
      o,
      'v1',
      RENAMED.map(([a, b]) => [b, a]),
    ),
};

const AUTHZ = { group: 'authorization.k8s.io', version: 'v1', prefix: 'io.k8s.api.authorization.v1' };
const AUTHN = { group: 'authentication.k8s.io', version: 'v1', prefix: 'io.k8s.api.authentication.v1' };
const review = (
  groupVersion: typeof AUTHZ,
  kind: string,
  plural: string,
  rest: Partial<KindDescriptor> = {},
): KindDescriptor =>
  builtin(groupVersion, kind, plural, { namespaced: false, virtual: true, verbs: ['create'], ...rest });

export const EVENTS_KIND = builtin(EVENTS, 'Event', 'events', {
  shortNames: ['ev'],
  columns: EVENT_COLUMNS,
  conversion: eventsV1Conversion,
});

export const REVIEW_KINDS: KindDescriptor[] = [
  review(AUTHN, 'SelfSubjectReview', 'selfsubjectreviews'),
  review(
    { ...AUTHN, version: 'v1beta1', prefix: 'io.k8s.api.authentication.v1beta1' },
    'SelfSubjectReview',
    'selfsubjectreviews',
    {
      definition: 'io.k8s.api.authentication.v1.SelfSubjectReview',
    },
  ),
  review(AUTHZ, 'SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
  review(AUTHZ, 'SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
  review(AUTHZ, 'SubjectAccessReview', 'subjectaccessreviews'),
];
