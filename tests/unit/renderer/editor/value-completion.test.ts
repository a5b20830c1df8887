// Value completion: the schema's enums (bundled, and a cluster's OpenAPI that lists values only in descriptions), and
// the cluster's names (images, ConfigMaps, Secrets, node label keys) through the CodeMirror completion source.
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { EditorSuggestions } from '../../../../electron/contract/editor-dto';
import { analyze } from '../../../../renderer/editor/analyze';
import { completionSource, editorExtensions } from '../../../../renderer/editor/codemirror/extensions';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { enumFromDescription } from '../../../../renderer/editor/schema/enums';
import { schemasFromOpenApi } from '../../../../renderer/editor/schema/openapi';
import { DAEMONSET } from './fixtures';

const schemas = await loadBundledSchemas();
const CLUSTER: EditorSuggestions = {
  images: ['busybox:1.36', 'registry.example.com/agent@sha256:abc'],
  configMaps: ['agent-config', 'other-config'],
  secrets: ['agent-token'],
  nodeLabelKeys: ['kubernetes.io/hostname', 'kubernetes.io/os', 'node-role.kubernetes.io/worker'],
};
const POD =
  'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\n  namespace: team-a\nspec:\n  template:\n    spec:\n';

/** The completion source's labels and details at `|`, with `cluster` answering for the namespace it is asked. */
async function offered(text: string, cluster?: EditorSuggestions, format: 'yaml' | 'json' = 'yaml') {
  const asked: (string | undefined)[] = [];
  const state = EditorState.create({
    doc: text.replace('|', ''),
    extensions: editorExtensions({ label: 'x', onChange: () => undefined }, { schemas, format, extra: [] }),
  });
  const result = await completionSource(new CompletionContext(state, text.indexOf('|'), false), {
    suggestions: (namespace) => (asked.push(namespace), Promise.resolve(cluster)),
    translate: (key) => `t:${key}`,
  });
  const labels = result?.options.map((o) => o.label) ?? [];
  return { labels, asked, result, details: result?.options.map((o) => o.detail) ?? [] };
}

describe('value completion from the schema', () => {
  it('offers imagePullPolicy, restartPolicy, protocol, update strategy and toleration values', async () => {
    const container = `${POD}      containers:\n        - name: a\n`;
    expect((await offered(`${container}          imagePullPolicy: |`)).labels).toEqual([
      'Always',
      'Never',
      'IfNotPresent',
    ]);
    expect((await offered(`${POD}      restartPolicy: |`)).labels).toEqual(['Always', 'OnFailure', 'Never']);
    const port = `${container}          ports:\n            - protocol: |`;
    expect((await offered(port)).labels).toEqual(['TCP', 'UDP', 'SCTP']);
    expect(
      (await offered('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  updateStrategy:\n    type: |')).labels,
    ).toEqual(['RollingUpdate', 'OnDelete']);
    const toleration = `${POD}      tolerations:\n        - operator: |`;
    expect((await offered(toleration)).labels).toEqual(['Exists', 'Equal']);
    expect((await offered(toleration.replace('operator', 'effect'))).labels).toEqual([
      'NoSchedule',
      'PreferNoSchedule',
      'NoExecute',
    ]);
  });

  it('accepts every value it offers: protocol SCTP and the node selector operators Gt and Lt are no errors', () => {
    const sctp = DAEMONSET.replace(
      '          imagePullPolicy: IfNotPresent\n',
      '          ports:\n            - containerPort: 1\n              protocol: SCTP\n',
    );
    expect(analyze(sctp, schemas).diagnostics).toEqual([]);
    const affinity =
      '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: cores\n                    operator: Gt\n                    values: ["4"]\n';
    expect(analyze(DAEMONSET.replace('      hostNetwork: true\n', affinity), schemas).diagnostics).toEqual([]);
  });

  it("reads values from a cluster's descriptions when its OpenAPI has no enum", () => {
    expect(enumFromDescription('Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".')).toEqual([
      'UDP',
      'TCP',
      'SCTP',
    ]);
    expect(
      enumFromDescription('Image pull policy.\n\nPossible enum values:\n - `"Always"` means\n - `"Never"` means\n'),
    ).toEqual(['Always', 'Never']);
    const set = schemasFromOpenApi([
      {
        components: {
          schemas: {
            'io.k8s.api.core.v1.Container': {
              type: 'object',
              properties: {
                imagePullPolicy: {
                  type: 'string',
                  description: 'Image pull policy. One of Always, Never, IfNotPresent.',
                },
              },
              // Tagged as kinds only so that the conversion reaches them (a real document reaches them from Pod).
              'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Container' }],
            },
            'io.k8s.api.core.v1.Toleration': {
              type: 'object',
              properties: { effect: { type: 'string' } },
              'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Toleration' }],
            },
          },
        },
      },
    ]);
    expect(set.defs['io.k8s.api.core.v1.Container']?.p.imagePullPolicy?.e).toEqual(['Always', 'Never', 'IfNotPresent']);
    expect(set.defs['io.k8s.api.core.v1.Toleration']?.p.effect?.e).toEqual([
      'NoSchedule',
      'PreferNoSchedule',
      'NoExecute',
    ]);
  });
});

describe('value completion from the cluster', () => {
  it("offers images in use for a container's image, for the document's namespace, named as such", async () => {
    const { labels, asked, details } = await offered(
      `${POD}      containers:\n        - name: a\n          image: |`,
      CLUSTER,
    );
    expect(labels).toEqual(CLUSTER.images);
    expect(asked).toEqual(['team-a']);
    expect(details).toEqual(['t:editor.complete.image', 't:editor.complete.image']);
    // A typed prefix with ':' and '/' stays one word, so the list keeps filtering as an image is typed.
    const typed = await offered(
      `${POD}      containers:\n        - name: a\n          image: registry.example.com/ag|`,
      CLUSTER,
    );
    expect(typed.result?.from).toBe(
      typed.result ? `${POD}      containers:\n        - name: a\n          image: `.length : -1,
    );
    expect(
      typed.result?.validFor instanceof RegExp && typed.result.validFor.test('registry.example.com/agent@sha'),
    ).toBe(true);
  });

  it('offers ConfigMap and Secret names where volumes, envFrom and valueFrom name them', async () => {
    const volumes = `${POD}      volumes:\n        - name: v\n`;
    expect((await offered(`${volumes}          configMap:\n            name: |`, CLUSTER)).labels).toEqual(
      CLUSTER.configMaps,
    );
    expect((await offered(`${volumes}          secret:\n            secretName: |`, CLUSTER)).labels).toEqual(
      CLUSTER.secrets,
    );
    const container = `${POD}      containers:\n        - name: a\n`;
    expect(
      (await offered(`${container}          envFrom:\n            - configMapRef:\n                name: |`, CLUSTER))
        .labels,
    ).toEqual(CLUSTER.configMaps);
    const env = `${container}          env:\n            - name: T\n              valueFrom:\n                secretKeyRef:\n                  name: |`;
    expect((await offered(env, CLUSTER)).labels).toEqual(CLUSTER.secrets);
    expect((await offered(`${POD}      imagePullSecrets:\n        - name: |`, CLUSTER)).labels).toEqual(
      CLUSTER.secrets,
    );
    // A container's own name is not a ConfigMap's.
    expect((await offered(`${container}        - name: |`, CLUSTER)).labels).toEqual([]);
  });

  it('offers node label keys in nodeSelector and in affinity matchExpressions, not in matchFields', async () => {
    const selector = await offered(`${POD}      nodeSelector:\n        kubernetes.io/|`, CLUSTER);
    expect(selector.labels).toEqual(CLUSTER.nodeLabelKeys);
    expect(selector.result?.options[0]?.apply).toBe('kubernetes.io/hostname: ');
    const terms = `${POD}      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - `;
    expect((await offered(`${terms}matchExpressions:\n                  - key: |`, CLUSTER)).labels).toEqual(
      CLUSTER.nodeLabelKeys,
    );
    expect((await offered(`${terms}matchFields:\n                  - key: |`, CLUSTER)).labels).toEqual([]);
  });

  it('in JSON too, quoted, for the namespace under metadata', async () => {
    const json =
      '{\n  "apiVersion": "apps/v1",\n  "kind": "DaemonSet",\n  "metadata": { "name": "a", "namespace": "team-b" },\n  "spec": { "template": { "spec": { "containers": [ { "name": "a", "image": | } ] } } }\n}';
    const { labels, asked, result } = await offered(json, CLUSTER, 'json');
    expect(labels).toEqual(CLUSTER.images);
    expect(asked).toEqual(['team-b']);
    expect(result?.options[0]?.apply).toBe('"busybox:1.36"');
  });

  it('offline (no answer) or a failed read: no cluster values and no error; enums are unaffected', async () => {
    expect((await offered(`${POD}      containers:\n        - name: a\n          image: |`)).result).toBeNull();
    const state = EditorState.create({
      doc: `${POD}      containers:\n        - name: a\n          imagePullPolicy: `,
      extensions: editorExtensions({ label: 'x', onChange: () => undefined }, { schemas, format: 'yaml', extra: [] }),
    });
    const failing = { suggestions: () => Promise.reject(new Error('unreachable')) };
    const image = EditorState.create({
      doc: `${POD}      containers:\n        - name: a\n          image: `,
      extensions: editorExtensions({ label: 'x', onChange: () => undefined }, { schemas, format: 'yaml', extra: [] }),
    });
    await expect(completionSource(new CompletionContext(image, image.doc.length, true), failing)).resolves.toBeNull();
    const enums = await completionSource(new CompletionContext(state, state.doc.length, false), failing);
    expect(enums?.options.map((o) => o.label)).toEqual(['Always', 'Never', 'IfNotPresent']);
  });
});
