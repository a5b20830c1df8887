// The coverage preview follows the DaemonSet controller: selector, affinity, taints with the daemon tolerations.
import { describe, expect, it } from 'vitest';
import {
  coverage,
  emptyForm,
  manifestFromForm,
  renameForm,
  tolerateEverything,
  type CoverageNode,
  type WizardForm,
} from '../../../../renderer/wizard/form';

function node(name: string, labels: Record<string, string> = {}, taints: CoverageNode['taints'] = []): CoverageNode {
  return { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/arch': 'amd64', ...labels }, taints };
}

// Shaped like the sandbox's seed: a tainted control plane, an arm64 worker, a GPU worker, a cordoned worker.
const NODES: CoverageNode[] = [
  node('control-plane-1', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
  node('worker-1'),
  node('worker-2'),
  node('worker-3', { 'kubernetes.io/arch': 'arm64' }),
  node('worker-4', { 'nvidia.com/gpu.present': 'true' }),
  node('worker-5', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
  node('worker-6', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]),
  node('worker-7', {}, [{ key: 'soft', effect: 'PreferNoSchedule' }]),
];

function form(): WizardForm {
  const f = emptyForm('default');
  renameForm(f, 'agent');
  Object.assign(f.containers[0] ?? {}, { name: 'main', image: 'busybox:1.36' });
  return f;
}
const podOf = (f: WizardForm) => {
  const spec = manifestFromForm(f).spec?.template.spec;
  if (!spec) throw new Error('no pod spec');
  return spec;
};
const running = (f: WizardForm) =>
  coverage(podOf(f), NODES)
    .filter((n) => n.runs)
    .map((n) => n.name);

describe('coverage', () => {
  it('all nodes: untainted and cordoned nodes get a pod; NoSchedule/NoExecute taints say why not', () => {
    const result = coverage(podOf(form()), NODES);
    expect(result.filter((n) => n.runs).map((n) => n.name)).toEqual([
      'worker-1',
      'worker-2',
      'worker-3',
      'worker-4',
      'worker-5',
      'worker-7',
    ]);
    expect(result.filter((n) => !n.runs)).toEqual([
      {
        name: 'control-plane-1',
        runs: false,
        reason: { kind: 'taint', detail: 'node-role.kubernetes.io/control-plane:NoSchedule' },
      },
      { name: 'worker-6', runs: false, reason: { kind: 'taint', detail: 'dedicated=db:NoExecute' } },
    ]);
  });

  it('"tolerate every taint" reaches every node', () => {
    const f = form();
    f.tolerations.push(tolerateEverything());
    expect(running(f)).toHaveLength(NODES.length);
  });

  it('a toleration for one taint opens only that node', () => {
    const f = form();
    f.tolerations.push({
      key: 'dedicated',
      operator: 'Equal',
      value: 'db',
      effect: 'NoExecute',
      tolerationSeconds: '',
      raw: null,
    });
    expect(running(f)).toContain('worker-6');
    expect(running(f)).not.toContain('control-plane-1');
  });

  it('picked nodes: only those, others for affinity', () => {
    const f = form();
    f.placement = 'nodes';
    f.nodes = ['worker-2', 'worker-5', 'control-plane-1'];
    const result = coverage(podOf(f), NODES);
    expect(result.filter((n) => n.runs).map((n) => n.name)).toEqual(['worker-2', 'worker-5']);
    expect(result.find((n) => n.name === 'worker-1')?.reason).toEqual({ kind: 'affinity', detail: 'worker-1' });
    // Picking a tainted node does not tolerate its taint.
    expect(result.find((n) => n.name === 'control-plane-1')?.reason?.kind).toBe('taint');
  });

  it('a node selector: only matching nodes, others name the pair they lack', () => {
    const f = form();
    f.placement = 'selector';
    f.nodeSelector = [{ key: 'kubernetes.io/arch', value: 'arm64' }];
    const result = coverage(podOf(f), NODES);
    expect(result.filter((n) => n.runs).map((n) => n.name)).toEqual(['worker-3']);
    expect(result.find((n) => n.name === 'worker-1')?.reason).toEqual({
      kind: 'nodeSelector',
      detail: 'kubernetes.io/arch=arm64',
    });
  });

  it('affinity expressions other than In (NotIn, Exists, Gt) are evaluated too', () => {
    const spec = {
      containers: [{ name: 'x' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'Exists' }] },
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['worker-1'] }] },
            ],
          },
        },
      },
    };
    const runs = coverage(spec, NODES.slice(1, 5))
      .filter((n) => n.runs)
      .map((n) => n.name);
    expect(runs).toEqual(['worker-2', 'worker-3', 'worker-4']);
  });

  it('hostNetwork pods also tolerate network-unavailable', () => {
    const nodes = [node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }])];
    const f = form();
    expect(coverage(podOf(f), nodes)[0]?.runs).toBe(false);
    f.hostNetwork = true;
    expect(coverage(podOf(f), nodes)[0]?.runs).toBe(true);
  });
});
