import type { ProjectSummary, QuotaUse } from '../../contract/index.js';
import type { ResourceQuotaObject } from '../kinds/objects.js';

type Quota = NonNullable<ProjectSummary['quota']>;

function pick(quotas: ResourceQuotaObject[], keys: string[]): QuotaUse | undefined {
  for (const quota of quotas) {
    const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
    for (const key of keys) {
      const limit = hard[key];
      if (limit !== undefined) return { hard: String(limit), used: String(quota.status?.used?.[key] ?? '0') };
    }
  }
  return undefined;
}

/** The project's quota as the header shows it: pods, and cpu/memory requests when a quota sets them. */
export function summariseQuota(quotas: ResourceQuotaObject[]): Quota | undefined {
  // Stable order, so the header does not jump between quotas when several exist.
  const sorted = [...quotas].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const quota: Quota = {};
  const pods = pick(sorted, ['pods', 'count/pods']);
  const cpu = pick(sorted, ['requests.cpu', 'cpu']);
  const memory = pick(sorted, ['requests.memory', 'memory']);
  if (pods) quota.pods = pods;
  if (cpu) quota.cpu = cpu;
  if (memory) quota.memory = memory;
  return pods || cpu || memory ? quota : undefined;
}
