// Stuck states in plain words (part of en.ts under `stuck`): renderer/shared/stuck-reason.ts builds them. The
// cluster's reasons (CrashLoopBackOff, FailedCreate...) and messages come in as parameters, quoted as they are.
const stuckEn = {
  onNodeWhy: '{reason} on {node}: {why}',
  onNodesWhy: '{reason} on {count} node: {why} | {reason} on {count} nodes: {why}',
  andMore: '{text} (and {count} more reason) | {text} (and {count} more reasons)',
  label: { pending: 'Pending', notReady: 'Not ready' },
  short: {
    cpu: 'not enough CPU',
    memory: 'not enough memory',
    ephemeralStorage: 'not enough ephemeral storage',
    resource: 'not enough {resource}',
    pods: 'the node already runs as many pods as it may',
    hostPort: 'host port in use',
    taint: 'untolerated taint {taint}',
  },
  problem: '{reason}: {why}',
  list: '{items}',
  quoted: '{text}',
  restarted: 'restarted {restarts} time, last exit code {code} | restarted {restarts} times, last exit code {code}',
  restartedWith:
    'restarted {restarts} time, last exit code {code} ({reason}) | restarted {restarts} times, last exit code {code} ({reason})',
  exit: 'exit code {code}',
  notReadyWhy: 'its containers are running but not ready',
};

export default stuckEn;
