import type { NodeAbsentDaemonSet, NodeView } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
import { PictureProducer, type Held, type PictureOptions } from './picture.js';
import { KINDS } from '../kinds/kinds.js';
import type { KubeObject } from '../kinds/objects.js';
import { mayDo } from '../kinds/subresource-review.js';
import { podProblem } from '../resources/pod-problem.js';
import { toDetailPod } from '../resources/detail-convert.js';
import { nodeRoom, type PodUse } from '../resources/node-room.js';
import { whyNot } from '../../../common/coverage.js';
import { fitProblems } from '../../../common/fit.js';
import {
  nodeViewDaemonSet,
  nodeViewNode,
  nodeViewPod,
  type NodeViewDaemonSet,
  type NodeViewNode,
  type NodeViewPod,
} from './node-view-objects.js';

export interface NodeViewOptions extends PictureOptions<NodeView> {
  node: string;
}

/**
 * One node's view (the `nodeView` stream, shared): the node by name, the pods bound to it (fieldSelector
 * spec.nodeName) and the cluster's DaemonSets' pod specs, each projected. Access is asked first, so nothing is watched
 * that the user may not list (an informer failing and retrying forever). Every change sends a complete picture.
 */
export class NodeViewSubscription extends PictureProducer<NodeView> {
  private node: Held<NodeViewNode> | undefined;
  private pods: Held<NodeViewPod> | undefined;
  private daemonSets: Held<NodeViewDaemonSet> | undefined;
  private may: NodeView['may'] = { cordon: false, drain: false };
  private gaps: string[] = [];
  private asked = false;
  private forbidden: string | undefined;

  constructor(readonly options: NodeViewOptions) {
    super(options);
  }

  async start(): Promise<void> {
    const { session, node } = this.options;
    const can = (verb: string, resource: string, sub?: string) =>
      mayDo(session, { verb, resource, subresource: sub }).catch(() => false);
    const [nodes, pods, daemonSets, patch, evict] = await Promise.all([
      can('list', 'nodes'),
      can('list', 'pods'),
      session.can({ verb: 'list', resource: 'daemonsets', group: 'apps' }).catch(() => false),
      can('patch', 'nodes'),
      can('create', 'pods', 'eviction'),
    ]);
    if (this.disposed) return;
    this.asked = true;
    const user = session.userName;
    this.may = { cordon: patch, drain: patch && evict && pods };
    if (!nodes) this.forbidden = `User "${user}" may not list nodes.`;
    else this.node = this.hold(KINDS.nodes, { fieldSelector: `metadata.name=${node}` }, nodeViewNode);
    if (pods) this.pods = this.hold(KINDS.pods, { fieldSelector: `spec.nodeName=${node}` }, nodeViewPod);
    else this.gaps.push(`User "${user}" may not list pods in all namespaces: the node's pods are not shown.`);
    if (daemonSets) this.daemonSets = this.hold(KINDS.daemonsets, {}, nodeViewDaemonSet);
    else this.gaps.push(`User "${user}" may not list DaemonSets in all namespaces: those missing here are not shown.`);
    this.schedule();
  }

  private settled(held: Held<KubeObject> | undefined): boolean {
    const status = held?.handle.informer.currentStatus();
    return held === undefined || status?.synced === true || status?.error !== undefined;
  }

  protected picture(): NodeView {
    const view: NodeView = {
      state: 'loading',
      daemonPods: [],
      otherPods: [],
      absent: [],
      may: this.may,
      gaps: this.gaps,
    };
    if (!this.asked) return view;
    if (this.forbidden !== undefined) {
      return { ...view, state: 'forbidden', error: { code: 'forbidden', message: this.forbidden } };
    }
    const status = this.node?.handle.informer.currentStatus();
    if (status?.error) view.error = toErrorDTO(status.error);
    if (![this.node, this.pods, this.daemonSets].every((h) => this.settled(h))) return view;
    const node = this.node?.handle.informer.snapshot().find((n) => n.facts.name === this.options.node);
    if (!node) return { ...view, state: status?.synced ? 'not-found' : 'loading' };
    const pods = this.pods?.handle.informer.snapshot() ?? [];
    const daemonSets = this.daemonSets?.handle.informer.snapshot() ?? [];
    const uses = pods.flatMap((p): PodUse[] => (p.use ? [p.use] : []));
    const room = nodeRoom(node.allocatable, uses);
    view.state = 'ok';
    view.node = { ...node.facts, requested: room.requested };
    const minReady = new Map(daemonSets.map((d) => [d.metadata?.uid ?? '', d.minReadySeconds]));
    const now = Date.now();
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    for (const p of pods) {
      const { namespace = '', name = '' } = p.metadata ?? {};
      if (p.owner?.kind === 'DaemonSet') {
        const pod = toDetailPod(p.pod, minReady.get(p.owner.uid) ?? 0, now, podProblem(p.pod));
        view.daemonPods.push({ namespace, daemonSet: p.owner.name, pod });
      } else {
        view.otherPods.push({
          namespace,
          name,
          owner: p.owner ? `${p.owner.kind} ${p.owner.name}` : '',
          phase: p.pod.status?.phase ?? 'Pending',
          deleting: Boolean(p.pod.metadata?.deletionTimestamp),
          mirror: p.mirror,
          needs: p.needs,
        });
      }
    }
    view.daemonPods.sort((a, b) => a.daemonSet.localeCompare(b.daemonSet) || a.pod.name.localeCompare(b.pod.name));
    view.otherPods.sort((a, b) => a.namespace.localeCompare(b.namespace) || byName(a, b));
    const running = new Set(pods.flatMap((p) => (p.owner?.kind === 'DaemonSet' ? [p.owner.uid] : [])));
    const target = { name: node.facts.name, labels: node.facts.labels, taints: node.facts.taints };
    view.absent = daemonSets
      .filter((d) => !running.has(d.metadata?.uid ?? ''))
      .map((d): NodeAbsentDaemonSet => {
        const uid = d.metadata?.uid ?? '';
        const reason = whyNot(d.podSpec, target) ?? { kind: 'missing', unfit: fitProblems(d.podSpec, room, uid) };
        return { namespace: d.metadata?.namespace ?? '', name: d.metadata?.name ?? '', reason };
      })
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || byName(a, b));
    return view;
  }
}
