// The kinds one sandbox serves: the built-in descriptors plus those its CustomResourceDefinitions add while it runs.
// Everything that routes, discovers, authorizes or prints by resource asks this catalog, so a new CRD's resources
// appear everywhere at once.
import { apiVersionOf, type KindDescriptor } from './descriptor.js';

export interface GroupVersions {
  name: string;
  /** Served versions, preferred first. */
  versions: string[];
}

/** Kubernetes' version priority: GA > beta > alpha, higher numbers first, then anything else by name. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, Number(m[1]), Number(m[3] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) return pb[0] - pa[0] || pb[1] - pa[1] || pb[2] - pa[2];
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class KindCatalog {
  private served: KindDescriptor[] = [];
  /** resource -> the descriptor of its storage version. */
  private readonly storage = new Map<string, KindDescriptor>();
  private readonly listeners = new Set<() => void>();
  /** Grows on every change: caches of discovery and OpenAPI documents key on it. */
  revision = 0;

  constructor(builtins: readonly KindDescriptor[]) {
    this.add(builtins);
  }

  private add(descriptors: readonly KindDescriptor[]): void {
    for (const d of descriptors) {
      this.served.push(d);
      if (!d.conversion && !d.virtual && !d.servedOnly) this.storage.set(d.resource, d);
    }
  }

  private changed(): void {
    this.revision++;
    for (const l of [...this.listeners]) l();
  }

  /** Serves the versions of one CustomResourceDefinition (replacing what it served before). */
  setCustom(crd: string, descriptors: readonly KindDescriptor[]): void {
    this.removeCustom(crd, false);
    this.add(descriptors);
    this.changed();
  }

  removeCustom(crd: string, notify = true): void {
    const gone = this.served.filter((d) => d.crd === crd);
    if (gone.length === 0) return;
    this.served = this.served.filter((d) => d.crd !== crd);
    for (const d of gone) if (this.storage.get(d.resource) === d) this.storage.delete(d.resource);
    if (notify) this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The storage descriptor of a resource; throws for resources this cluster does not serve. */
  get(resource: string): KindDescriptor {
    const d = this.storage.get(resource);
    if (!d) throw new Error(`unknown resource ${resource}`);
    return d;
  }

  find(resource: string): KindDescriptor | undefined {
    return this.storage.get(resource);
  }

  /** The descriptor served at /apis/<group>/<version>/<plural>. */
  lookup(group: string, version: string, plural: string): KindDescriptor | undefined {
    return this.served.find((d) => d.group === group && d.version === version && d.plural === plural);
  }

  /** The stored resource of apiVersion/kind (any served version of it). */
  byKind(apiVersion: string, kind: string): KindDescriptor | undefined {
    return this.served.find((d) => apiVersionOf(d) === apiVersion && d.kind === kind);
  }

  /** Every stored resource, one descriptor each (its storage version). */
  stored(): KindDescriptor[] {
    return [...this.storage.values()];
  }

  /** Every served group-version-resource, including conversions and virtual resources. */
  all(): readonly KindDescriptor[] {
    return this.served;
  }

  inGroupVersion(group: string, version: string): KindDescriptor[] {
    return this.served.filter((d) => d.group === group && d.version === version);
  }

  /** Named groups with their versions, built-in groups first in registration order, custom groups after. */
  groups(): GroupVersions[] {
    const out = new Map<string, string[]>();
    for (const d of this.served) {
      if (!d.group) continue;
      const versions = out.get(d.group) ?? [];
      if (!versions.includes(d.version)) versions.push(d.version);
      out.set(d.group, versions);
    }
    return [...out].map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersions) }));
  }
}
