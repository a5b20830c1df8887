// DaemonSets created, updated, redeployed and deleted at random through the app's own services, as a user would.
import type { EverynodeServices } from '../../electron/contract/index.js';
import type { Prng } from './prng.js';

export type OperationKind = 'create' | 'update' | 'redeploy' | 'delete' | 'recreate';

const NAMESPACES = ['default', 'team-b'];
const IMAGES = ['busybox:1.36', 'busybox:1.37', 'nginx:1.27', 'nginx:1.28'];
/** Enough DaemonSets to keep rollouts overlapping, few enough that pods stay in the hundreds. */
const MAX_LIVE = 10;
const MIN_LIVE = 3;

export interface OperationCounts {
  attempted: number;
  ok: number;
  /** Refused or failed (injected 500/429, 409 conflicts, objects deleted meanwhile): expected under faults. */
  failed: number;
}

const errorCode = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'unknown';

function manifest(namespace: string, name: string, image: string): Record<string, unknown> {
  const labels = { app: name, 'everynode.io/soak': 'true' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image }] } },
    },
  };
}

export class Workload {
  readonly counts = new Map<OperationKind, OperationCounts>();
  readonly failures = new Map<string, number>();
  /** namespace/name of the DaemonSets this soak created and has not seen deleted. */
  private readonly live: { namespace: string; name: string }[] = [];
  private sequence = 0;

  constructor(
    private readonly services: EverynodeServices,
    private readonly context: string,
    private readonly prng: Prng,
  ) {}

  get total(): number {
    let sum = 0;
    for (const c of this.counts.values()) sum += c.attempted;
    return sum;
  }

  /** One random operation, awaited; failures are counted, never thrown. */
  async step(): Promise<void> {
    const kind = this.chooseKind();
    const counts = this.counts.get(kind) ?? { attempted: 0, ok: 0, failed: 0 };
    this.counts.set(kind, counts);
    counts.attempted++;
    try {
      await this.run(kind);
      counts.ok++;
    } catch (e) {
      counts.failed++;
      const key = `${kind}:${errorCode(e)}`;
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    }
  }

  private chooseKind(): OperationKind {
    if (this.live.length < MIN_LIVE) return 'create';
    const roll = this.prng.next();
    if (roll < 0.25 && this.live.length < MAX_LIVE) return 'create';
    if (roll < 0.6) return 'update';
    if (roll < 0.75) return 'redeploy';
    if (roll < 0.85) return 'recreate';
    return 'delete';
  }

  private async run(kind: OperationKind): Promise<void> {
    const { daemonsets, detail } = this.services;
    if (kind === 'create') {
      const namespace = this.prng.pick(NAMESPACES);
      const name = `soak-${++this.sequence}`;
      await daemonsets.create(this.context, namespace, manifest(namespace, name, this.prng.pick(IMAGES)), {
        dryRun: false,
      });
      this.live.push({ namespace, name });
      return;
    }
    const index = this.prng.int(0, this.live.length - 1);
    const target = this.live[index];
    if (!target) return;
    if (kind === 'update') {
      const { manifest: current, resourceVersion } = await detail.editable(this.context, target.namespace, target.name);
      const next = manifest(target.namespace, target.name, this.prng.pick(IMAGES));
      const metadata = {
        ...(current.metadata as Record<string, unknown>),
        labels: (next.metadata as { labels: unknown }).labels,
      };
      await detail.update(this.context, target.namespace, target.name, { ...next, metadata }, resourceVersion);
    } else if (kind === 'redeploy') {
      const result = await daemonsets.redeploy(this.context, [target]);
      const failed = result.results.find((r) => !r.ok);
      if (failed) throw failed.error ?? new Error('redeploy failed');
    } else if (kind === 'recreate') {
      // Same name, new uid, at once: a relist that only compared names would keep the old object's row.
      await this.remove(target);
      this.live.splice(index, 1);
      const image = this.prng.pick(IMAGES);
      await daemonsets.create(this.context, target.namespace, manifest(target.namespace, target.name, image), {
        dryRun: false,
      });
      this.live.push(target);
    } else {
      await this.remove(target);
      this.live.splice(index, 1);
    }
  }

  private async remove(target: { namespace: string; name: string }): Promise<void> {
    const result = await this.services.daemonsets.delete(this.context, [target], 'Background');
    const failed = result.results.find((r) => !r.ok);
    // A 404 means a previous attempt went through after all: it is gone either way.
    if (failed && failed.error?.code !== 'not-found') throw failed.error ?? new Error('delete failed');
  }
}
