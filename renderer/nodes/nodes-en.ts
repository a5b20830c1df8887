// The Nodes page (coverage matrix): merged into i18n/en.ts as `nodes`.
const nodesEn = {
  link: 'Nodes',
  title: 'Nodes',
  description:
    'Every node of the cluster against every DaemonSet of the project: whether its pod runs there, and if not, why. Cells follow the cluster live.',
  loading: 'Loading nodes and DaemonSets…',
  noDaemonSets: 'No DaemonSets in this project, so no agent is expected on any node.',
  noNodes: 'No nodes match.',
  noContext: 'Choose a cluster to see its nodes.',
  nodesForbidden:
    'You may not list nodes in this cluster: rows are the nodes pods run on, and whether a node wants a pod cannot be judged.',
  podsForbidden: 'Pods in these projects cannot be listed: {namespaces} — their cells show unknown.',
  shown: '{nodes} of {total} nodes · {columns} DaemonSets',
  filters: {
    missing: 'Only nodes missing an agent',
    failing: 'Only nodes with a failing agent',
    label: 'Node label',
    labelHint: 'key or key=value',
    daemonSet: 'DaemonSet',
    allDaemonSets: 'All DaemonSets',
  },
  export: {
    csv: 'Export CSV',
    json: 'Export JSON',
  },
  grid: {
    project: 'Project',
    label: 'Coverage of the DaemonSets on the nodes of {context}',
    node: 'Node',
    covered: 'Covered',
    perNode: 'Agents ok',
    nodeSummary: '{ok} / {expected}',
    columnSummary: '{covered} / {eligible}',
    columnSummaryTitle: '{covered} of {eligible} eligible nodes covered',
  },
  state: {
    available: 'Available',
    updating: 'Updating',
    starting: 'Starting',
    failing: 'Failing',
    missing: 'Missing',
    notWanted: 'Not wanted',
    unknown: 'Unknown',
  },
  cellWhy: '{state}: {why}',
  cellMessage: '{text} — {message}',
  why: {
    selector: 'node selector {detail}',
    affinity: 'node affinity {detail}',
    taint: 'taint {detail}',
    createFailed: 'not created: {message}',
    notCreated: 'no pod created yet',
    cpu: 'not enough CPU',
    memory: 'not enough memory',
    pods: 'too many pods on the node',
    hostPort: 'host port {port} taken',
    pending: 'Pending: {what}',
  },
};

export default nodesEn;
