// Issue 12, point 3: a value the form cannot show stays as written and is named at its field; what the user types
// replaces it; nothing the user did not type is added.
import { describe, expect, it } from 'vitest';
import {
  emptyPort,
  formFromManifest,
  keptFields,
  manifestFromForm,
  unshownFields,
  validateForm,
  type DaemonSet,
} from '../../../../renderer/wizard/form';

const manifest = (container: Record<string, unknown>, extra: Record<string, unknown> = {}): DaemonSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [container], ...extra } },
    },
  }) as unknown as DaemonSet;

const containerOf = (m: DaemonSet): Record<string, unknown> =>
  m.spec?.template.spec?.containers[0] as unknown as Record<string, unknown>;

describe('values the form cannot show', () => {
  it('a port number written as a word stays, is named at its field, and a typed number replaces it', () => {
    const form = formFromManifest(manifest({ name: 'web', ports: [{ containerPort: 'eighty', protocol: 'tcp' }] }));
    expect(keptFields(form)).toEqual({
      'containers.0.ports.0.containerPort': '"eighty"',
      'containers.0.ports.0.protocol': '"tcp"',
    });
    // Another field edited: the kept values stay as written.
    const c = form.containers[0];
    if (!c) throw new Error('container');
    c.image = 'nginx:1.27';
    expect(containerOf(manifestFromForm(form))).toEqual({
      name: 'web',
      image: 'nginx:1.27',
      ports: [{ containerPort: 'eighty', protocol: 'tcp' }],
    });
    const port = c.ports[0];
    if (!port) throw new Error('port');
    port.containerPort = '80';
    expect(keptFields(form)).toEqual({ 'containers.0.ports.0.protocol': '"tcp"' });
    expect(containerOf(manifestFromForm(form)).ports).toEqual([{ containerPort: 80, protocol: 'tcp' }]);
  });

  it('a string where a list belongs, an object where a string belongs, a list of non-objects: all kept', () => {
    const m = manifest(
      { name: 'web', image: { repo: 'nginx' }, command: 'sleep 1', env: ['A=1'] },
      { tolerations: 'all', hostNetwork: 'yes' },
    );
    const form = formFromManifest(m);
    expect(form.containers[0]?.image).toBe('{"repo":"nginx"}');
    expect(Object.keys(keptFields(form)).sort()).toEqual([
      'containers.0.command',
      'containers.0.env',
      'containers.0.image',
      'hostNetwork',
      'tolerations',
    ]);
    expect(manifestFromForm(form)).toEqual(m);
  });

  it('an empty port row the user added writes nothing: no `name: tcp-`, no `protocol: TCP`', () => {
    const form = formFromManifest(manifest({ name: 'web' }));
    form.containers[0]?.ports.push(emptyPort());
    expect(containerOf(manifestFromForm(form))).toEqual({ name: 'web' });
    const port = form.containers[0]?.ports[0];
    if (!port) throw new Error('port');
    port.containerPort = '8080';
    expect(containerOf(manifestFromForm(form)).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
  });

  it('a manifest without a namespace gains one only when the user picks a project', () => {
    const form = formFromManifest(manifest({ name: 'web' }), 'team-a');
    expect(form.namespace).toBe('team-a');
    expect(manifestFromForm(form).metadata).toEqual({ name: 'agent' });
    form.namespace = 'team-b';
    expect(manifestFromForm(form).metadata).toEqual({ name: 'agent', namespace: 'team-b' });
  });
});

describe('fields the form does not show', () => {
  it('are listed with their values, in the manifest’s terms; those it shows are not', () => {
    const m = manifest(
      { name: 'web', image: 'nginx', terminationMessagePath: '/dev/log', ports: [{ containerPort: 80, hostIP: '::' }] },
      { dnsPolicy: 'ClusterFirstWithHostNet', volumes: [{ name: 'nfs', nfs: { server: 'a', path: '/' } }] },
    );
    expect(unshownFields(manifestFromForm(formFromManifest(m)))).toEqual([
      { path: 'spec.template.spec.containers[0].terminationMessagePath', value: '"/dev/log"' },
      { path: 'spec.template.spec.containers[0].ports[0].hostIP', value: '"::"' },
      { path: 'spec.template.spec.dnsPolicy', value: '"ClusterFirstWithHostNet"' },
      { path: 'spec.template.spec.volumes[0].nfs', value: '{"server":"a","path":"/"}' },
    ]);
  });
});

describe('an envFrom source the form does not edit', () => {
  it('is kept as written and asks for no name', () => {
    const m = manifest({ name: 'web', image: 'nginx:1.27', envFrom: [{ prefix: 'X_', 'x-source': { a: 1 } }] });
    const form = formFromManifest(m);
    expect(form.containers[0]?.envFrom[0]?.kind).toBe('other');
    expect(validateForm(form)['containers.0.envFrom.0.name']).toBeUndefined();
    expect(manifestFromForm(form)).toEqual(m);
  });
});
