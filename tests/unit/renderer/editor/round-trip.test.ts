import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonToYaml, yamlToJson } from '../../../../renderer/editor/convert';
import { mergeIntoYaml } from '../../../../renderer/editor/merge-document';
import { formFromManifest, manifestFromForm, type DaemonSet } from '../../../../renderer/wizard/form';

const SOURCE = `# node agent, owned by the platform team
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent # keep this name: dashboards use it
  namespace: default
  labels:
    app: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      # the form does not show these two
      terminationGracePeriodSeconds: 5
      dnsConfig:
        options:
          - name: ndots
            value: "2"
      containers:
        - name: agent
          image: busybox:1.36 # pinned
---
# a second document stays as it is
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
data:
  mode: "0644"
`;

describe('form <-> YAML round trips', () => {
  it('keeps comments and fields the form does not know, and changes only what the form changed', () => {
    const manifest = parse(SOURCE.split('---')[0] ?? '', { version: '1.1' }) as DaemonSet;
    const form = formFromManifest(manifest);
    const container = form.containers[0];
    if (!container) throw new Error('no container');
    container.image = 'busybox:1.37';
    const back = manifestFromForm(form) as unknown as Record<string, unknown>;
    const text = mergeIntoYaml(SOURCE, 0, back);
    if (text === null) throw new Error('did not merge');
    for (const comment of [
      '# node agent, owned by the platform team',
      '# keep this name: dashboards use it',
      '# the form does not show these two',
      '# a second document stays as it is',
    ]) {
      expect(text).toContain(comment);
    }
    expect(text).toContain('image: busybox:1.37');
    expect(text).toContain('terminationGracePeriodSeconds: 5');
    expect(text).toContain('value: "2"');
    expect(text).toContain('mode: "0644"');
  });

  it('an unchanged form gives back the same text, with no default filled in', () => {
    const manifest = parse(SOURCE.split('---')[0] ?? '', { version: '1.1' }) as DaemonSet;
    for (const creating of [true, false]) {
      const back = manifestFromForm(formFromManifest(manifest), { creating }) as unknown as Record<string, unknown>;
      expect(mergeIntoYaml(SOURCE, 0, back)).toBe(SOURCE);
    }
  });

  it('YAML -> JSON -> YAML keeps every field and says comments were dropped', () => {
    const json = yamlToJson(SOURCE);
    if (!json.ok) throw new Error(json.message);
    expect(json.droppedComments).toBe(true);
    const yaml = jsonToYaml(json.text);
    if (!yaml.ok) throw new Error(yaml.message);
    const [first, second] = yaml.text.split('---\n').map((d) => parse(d) as unknown);
    expect(first).toEqual(parse(SOURCE.split('---')[0] ?? '', { version: '1.1' }));
    expect(second).toMatchObject({ kind: 'ConfigMap', data: { mode: '0644' } });
  });

  it('refuses to merge into text that does not parse', () => {
    expect(mergeIntoYaml('a: [1', 0, { a: 1 })).toBeNull();
  });
});
