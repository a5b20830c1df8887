// One well-formed argument list per channel: the fuzzer mutates these so that both the accepting and the refusing
// branches of every validator are reached (purely random arrays are almost always refused at the first argument).

// Empty: a manifest's contents are the API server's to judge, so any object is well typed here.
const manifest = {};
const refs = [{ namespace: 'team-a', name: 'agent' }];

export const VALID_ARGS: Record<string, unknown[]> = {
  'everynode:host.info': [],
  'everynode:clusters.getState': [],
  'everynode:clusters.switchContext': ['dev'],
  'everynode:clusters.connect': ['dev'],
  'everynode:clusters.disconnect': ['dev'],
  'everynode:clusters.addKubeconfig': [{ kind: 'upload', name: 'config', content: 'apiVersion: v1' }],
  'everynode:clusters.reconnect': ['dev'],
  'everynode:clusters.confirmPlainHttp': ['dev'],
  'everynode:clusters.removeKubeconfig': ['added-2'],
  'everynode:clusters.reloadKubeconfig': ['added-2'],
  'everynode:projects.getState': ['dev'],
  'everynode:projects.select': ['dev', 'team-a'],
  'everynode:projects.add': ['dev', 'team-a'],
  'everynode:projects.remove': ['dev', 'team-a'],
  'everynode:daemonsets.redeploy': ['dev', refs],
  'everynode:daemonsets.delete': ['dev', refs, 'Background'],
  'everynode:daemonsets.create': ['dev', 'team-a', manifest, { dryRun: true }],
  'everynode:daemonsets.nameAvailable': ['dev', 'team-a', 'agent'],
  'everynode:wizard.nodes': ['dev'],
  'everynode:wizard.projectResources': ['dev', 'team-a'],
  'everynode:wizard.createRegistrySecret': [
    'dev',
    'team-a',
    { name: 'pull', server: 'registry.example.com', username: 'u', password: 'p' },
  ],
  'everynode:detail.access': ['dev', 'team-a'],
  'everynode:detail.deletePod': ['dev', 'team-a', 'agent-x1'],
  'everynode:detail.rollback': ['dev', 'team-a', 'agent', 2],
  'everynode:detail.editable': ['dev', 'team-a', 'agent'],
  'everynode:detail.update': ['dev', 'team-a', 'agent', manifest, '41'],
  'everynode:nodeView.cordon': ['dev', 'worker-1', true],
  'everynode:nodeView.drain': [
    'dev',
    'worker-1',
    [{ namespace: 'team-a', name: 'web-1' }],
    { force: false, deleteEmptyDirData: false },
  ],
  'everynode:editor.openapi': ['dev', 'apis/apps/v1'],
  'everynode:editor.apply': ['dev', manifest, { dryRun: true, force: false }],
  'everynode:editor.suggestions': ['dev', 'team-a'],
  // A wizard form is any plain object to the contract (the wizard checks its shape when it reads it back).
  'everynode:drafts.list': [],
  'everynode:drafts.get': ['wizard'],
  'everynode:drafts.put': ['wizard', {}, 0],
  'everynode:drafts.putPart': ['save-1', 0, 2, '["wizard",'],
  'everynode:drafts.discard': ['wizard', 3],
  'everynode:drafts.undoDiscard': [],
  'everynode:drafts.restorePrevious': [],
  'everynode:exec.access': ['dev', 'team-a'],
  'everynode:exec.input': ['exec-1', 'hostname\r'],
  'everynode:exec.resize': ['exec-1', 80, 24],
  'everynode:forward.access': ['dev', 'team-a'],
  'everynode:refs.list': ['dev', 'team-a', 'agent'],
  'everynode:refs.get': ['dev', 'Secret', 'team-a', 'agent-token', { reveal: false }],
  'everynode:helm.release': ['dev', 'team-a', 'agent'],
  'everynode:streams.open': [
    'logs',
    ['dev', 'team-a', 'agent-x1', 'main', { follow: true, previous: false, tailLines: 10 }],
  ],
  'everynode:streams.dispose': ['logs-1'],
  'everynode:consent.pending': [],
  'everynode:consent.decide': ['r1', true],
  'everynode:consent.list': [],
  'everynode:consent.revoke': ['r1'],
  'everynode:consent.setAllowlist': [['kubelogin']],
  'everynode:fleet.getState': [],
  'everynode:fleet.setOptIn': ['dev', true],
};

/** Channels whose last arguments may be left out, and how many (`reconnect()` means the active context). */
export const OPTIONAL_TRAILING: Record<string, number> = { 'everynode:clusters.reconnect': 1 };

/** The JavaScript type of a value as a structured clone or JSON would keep it apart. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * True when `value` has the sample's shape: the same kind at every position the sample fills (optional fields may be
 * absent; an empty sample object, such as a manifest, accepts any object).
 */
export function shapedLike(sample: unknown, value: unknown): boolean {
  if (kindOf(sample) !== kindOf(value)) return false;
  if (Array.isArray(sample) && Array.isArray(value)) {
    if (sample.length === 0) return true;
    return value.every((item, i) => shapedLike(sample[Math.min(i, sample.length - 1)], item));
  }
  if (typeof sample === 'object' && sample !== null && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.entries(sample).every(([key, inner]) => record[key] === undefined || shapedLike(inner, record[key]));
  }
  return true;
}
