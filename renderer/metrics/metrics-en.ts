// The metrics views' English messages (`metrics` in en.ts).
const metricsEn = {
  cpu: 'CPU',
  memory: 'Memory',
  /** Inside a sentence. */
  resourceName: { cpu: 'CPU', memory: 'memory' },
  chart: 'Chart',
  chartNamed: 'Show the CPU and memory chart of {pod}',
  noSample: 'no sample yet',
  window: {
    none: 'no sample yet (every {interval} s, kept {span} min)',
    seconds: 'last {covered} s of {span} min',
    minutes: 'last {covered} min of {span}',
  },
  unavailable: 'This cluster serves no metrics API (metrics.k8s.io): CPU and memory are not shown.',
  forbidden: 'No permission: CPU and memory need {verb} on {resource} in this project.',
  forbiddenCluster: 'No permission: CPU and memory need {verb} on {resource}.',
  failed: 'The last sample failed: {message}',
  overhead: {
    title: 'Agent overhead across nodes',
    table: 'Overhead per container',
    container: 'Container',
    pods: 'Pods',
    resource: 'Resource',
    min: 'Min',
    median: 'Median',
    p95: 'p95',
    max: 'Max',
    none: 'No pod of this DaemonSet has a sample yet.',
    nearTitle: 'Closest to their limits',
    nearNone: 'No container of this DaemonSet sets a CPU or memory limit.',
    near: '{pod} on {node}: {container} uses {usage} of its {resource} limit {limit} ({percent}%)',
    oomTitle: 'OOMKilled restarts',
    oomNone: 'No container was OOM-killed.',
    oom: '{pod} on {node}: {container} was OOM-killed (restarts: {restarts})',
  },
  chartPanel: {
    title: 'CPU and memory of {pod}',
    time: 'Time',
    cpuAxis: 'CPU (m)',
    memoryAxis: 'Memory (Mi)',
    limit: 'limits: {limits}',
    noLimit: 'no limits',
    close: 'Close chart',
  },
  node: {
    usage: 'Node usage: CPU {cpu} · Memory {memory} ({window})',
  },
};

export default metricsEn;
