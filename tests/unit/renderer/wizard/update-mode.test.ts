// Update mode: the wizard's form over a live DaemonSet (live-daemonset.json is `kubectl get ds -o json` from the
// sandbox cluster, without status, managedFields and resourceVersion, as the detail service hands it to an edit).
// Reading it into the form and writing it back changes nothing; editing a field changes only that field; fields the
// form does not know, the name, the namespace and the selector are untouched.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formFromManifest,
  selectorLabels,
  updatedManifest,
  updateIssues,
  type DaemonSet,
} from '../../../../renderer/wizard/form';
import { liveDiff } from '../../../../renderer/editor/live-diff';

const live = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('./live-daemonset.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const formOf = (object: Record<string, unknown>) => formFromManifest(object as unknown as DaemonSet);

describe('update mode: form round trip of a live object', () => {
  it('reading the live object into the form and writing it back changes nothing at all', () => {
    const object = live();
    const written = updatedManifest(formOf(object), object);
    expect(liveDiff(object, written)).toEqual([]);
    expect(written).toEqual(object);
  });

  it('an object without labels and with empty container resources, as API servers store them, round trips too', () => {
    const object = live() as {
      metadata: Record<string, unknown>;
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    delete object.metadata.labels;
    const container = object.spec.template.spec.containers[0];
    if (container) container.resources = {};
    const plain = object as unknown as Record<string, unknown>;
    expect(liveDiff(plain, updatedManifest(formOf(plain), plain))).toEqual([]);
  });

  it('changing the node selector and maxUnavailable changes exactly those two fields', () => {
    const object = live();
    const form = formOf(object);
    expect(form.placement).toBe('selector');
    form.nodeSelector = [{ key: 'disk', value: 'ssd' }];
    form.maxUnavailable = '2';
    const written = updatedManifest(form, object);
    expect(liveDiff(object, written).map((l) => [l.op, l.path, l.after])).toEqual([
      ['replace', 'spec.updateStrategy.rollingUpdate.maxUnavailable', '2'],
      ['remove', 'spec.template.spec.nodeSelector.kubernetes.io~1os', undefined],
      ['add', 'spec.template.spec.nodeSelector.disk', 'ssd'],
    ]);
  });

  it('keeps fields the form does not know: server defaults, pod security context, mount propagation, annotations', () => {
    const object = live();
    const form = formOf(object);
    form.maxUnavailable = '3';
    const written = updatedManifest(form, object) as {
      metadata: { annotations: Record<string, string>; uid: string };
      spec: {
        revisionHistoryLimit: number;
        template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
      };
    };
    const pod = written.spec.template.spec;
    expect(written.spec.revisionHistoryLimit).toBe(7);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65534 });
    expect(pod.schedulerName).toBe('default-scheduler');
    expect(pod.terminationGracePeriodSeconds).toBe(15);
    expect(pod.containers[0]?.terminationMessagePath).toBe('/dev/termination-log');
    expect(pod.containers[0]?.volumeMounts).toEqual([
      { mountPath: '/host', mountPropagation: 'HostToContainer', name: 'root', readOnly: true },
    ]);
    expect(written.metadata.annotations['example.com/owner']).toBe('ops');
    expect(written.metadata.annotations['deprecated.daemonset.template.generation']).toBe('1');
    expect(written.metadata.uid).toBe((object.metadata as { uid: string }).uid);
  });

  it('name, namespace and selector stay the live ones even when the form holds others', () => {
    const object = live();
    const form = formOf(object);
    form.name = 'renamed';
    form.namespace = 'elsewhere';
    form.labels = [
      { key: 'app', value: 'node-exporter' },
      { key: 'team', value: 'observability' },
      { key: 'tier', value: 'node' },
    ];
    const written = updatedManifest(form, object) as {
      metadata: { name: string; namespace: string };
      spec: { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
    };
    expect(written.metadata.name).toBe('node-exporter');
    expect(written.metadata.namespace).toBe('default');
    // At creation the selector follows the labels; after creation it is immutable and stays as read.
    expect(written.spec.selector).toEqual({ matchLabels: { app: 'node-exporter' } });
    expect(written.spec.template.metadata.labels.tier).toBe('node');
  });

  it('pod labels that drop the selector label are an error at labels; keeping it is none', () => {
    const object = live();
    expect(selectorLabels(object)).toEqual({ app: 'node-exporter' });
    const form = formOf(object);
    expect(updateIssues(form, object)).toEqual({});
    form.labels = [{ key: 'app', value: 'other' }];
    expect(updateIssues(form, object).labels?.[0]).toMatchObject({
      severity: 'error',
      code: 'selectorLabels',
      params: { labels: 'app=node-exporter' },
    });
  });

  it('does not change the live object it was given (the conflict view later diffs against it)', () => {
    const object = live();
    const before = JSON.stringify(object);
    const form = formOf(object);
    form.strategy = 'OnDelete';
    updatedManifest(form, object);
    expect(JSON.stringify(object)).toBe(before);
  });
});
