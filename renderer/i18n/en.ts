import keyboardEn from '../keyboard/keyboard-en';
import consentEn from '../clusters/consent-en';
import nodesEn from '../nodes/nodes-en';
import clustersPageEn from '../clusters/clusters-page-en';
import nodeViewEn from '../nodes/node-view-en';
import listEn from '../list/list-en';
import draftsEn from '../drafts/drafts-en';
import editorEn from '../editor/editor-en';
import wizardEn from '../wizard/wizard-en';
import stuckEn from './stuck-en';
import detailEn from '../detail/detail-en';
import fleetEn from '../fleet/fleet-en';
import execEn from '../exec/exec-en';
// ---- issue 15: the pod panel ----
import podsEn from '../pods/pods-en';
import forwardEn from '../forward/forward-en';
// ---- issue 16: metrics ----
import metricsEn from '../metrics/metrics-en';
// ---- issue 18: links between objects, Helm ----
import linksEn from '../links/links-en';

// English catalogue. zh-CN.ts must hold exactly the same keys (its type is derived from this one; a test checks too).
// vue-i18n syntax: {name} placeholders, `|` separates plural forms, `@` and braces are special and must not appear bare.
const en = {
  app: {
    name: 'Everynode',
    connectionLost: 'Lost the connection to the Everynode host. Reconnecting…',
    listSeparator: ', ',
    // With its leading space: Chinese full-width brackets take none.
    parenthesized: ' ({text})',
    // Between two sentences: a space in English, nothing in Chinese.
    sentenceJoin: ' ',
  },
  language: { label: 'Language', en: 'English', zhCN: '中文' },
  theme: { label: 'Theme', system: 'System', light: 'Light', dark: 'Dark' },
  cluster: {
    label: 'Cluster',
    option: '{label} · {cluster} · {host} · {state}',
    optionNoServer: '{label} · {cluster} · {state}',
    sandbox: '{name} — Sandbox (simulated)',
    problem: '{name} — unusable',
    none: 'No contexts',
    addKubeconfig: 'Add kubeconfig…',
    added: 'Added {name}.',
    sourceError: 'Cannot use {label}: {error}',
    dismiss: 'Dismiss',
    sandboxFile: { summary: 'Sandbox kubeconfig', hint: 'Use it with kubectl:' },
    state: {
      'not-connected': 'Not connected',
      connecting: 'Connecting…',
      connected: 'Connected',
      unreachable: 'Unreachable',
      unauthorized: 'Unauthorized',
      forbidden: 'Forbidden',
      error: 'Error',
      'needs-consent': 'Waiting for consent',
      'needs-confirmation': 'Waiting for confirmation',
      'not-responding': 'Not responding',
    },
    insecureOption: '{name} — not secure',
    uploadTooLarge: '{name} was not added: it is {size} MB, and a kubeconfig can be at most 4 MB.',
    insecure: {
      'plain-http':
        'Not secure: "{name}" uses plain HTTP. Nothing is encrypted, and anyone on the network can read or change what is sent.',
      'skip-tls-verify':
        'Not secure: "{name}" does not check the server\'s certificate (insecure-skip-tls-verify). Anyone in the path can pose as the cluster and receive your credentials.',
    },
    notResponding:
      'The API server of "{name}" is not responding. What is shown may be out of date; Everynode keeps checking.',
  },
  project: {
    label: 'Project',
    all: 'All projects',
    add: 'Add project…',
    addTitle: 'Add a project',
    addHint: 'You cannot list every namespace of this cluster. Enter one you have access to.',
    namespace: 'Namespace',
    addButton: 'Add project',
    adding: 'Checking access…',
  },
  list: {
    title: 'DaemonSets',
    description: 'A DaemonSet runs one copy of a pod on every node: log collectors, node monitors and system agents.',
    search: 'Search',
    searchPlaceholder: 'Name or label, e.g. app=agent',
    statusFilter: 'Status',
    allStatuses: 'All statuses',
    shown: '{shown} of {total} shown',
    selected: '{count} selected',
    redeploySelected: 'Redeploy selected',
    deleteSelected: 'Delete selected',
    clearSelection: 'Clear selection',
  },
  summary: {
    label: 'Project summary',
    podQuota: 'Pod quota',
    cpu: 'CPU',
    memory: 'Memory',
    used: '{used} / {hard}',
    noQuota: 'No quota',
    daemonSets: 'DaemonSets',
    pods: 'Pods',
    totalsOnly: 'Totals across all projects',
  },
  column: {
    select: 'Select',
    name: 'Name',
    project: 'Project',
    status: 'Status',
    strategy: 'Update strategy',
    images: 'Images',
    nodeSelector: 'Node selector',
    created: 'Created',
    actions: 'Actions',
  },
  row: {
    selectAll: 'Select all shown DaemonSets',
    select: 'Select {name}',
    redeploy: 'Redeploy',
    redeployNamed: 'Redeploy {name}',
    edit: 'Edit',
    editNamed: 'Edit {name}',
    delete: 'Delete',
    deleteNamed: 'Delete {name}',
    ready: '{ready}/{desired} ready',
    allNodes: 'All nodes',
  },
  podPhase: { Pending: 'Pending', Running: 'Running', Succeeded: 'Succeeded', Failed: 'Failed', Unknown: 'Unknown' },
  strategy: { RollingUpdate: 'Rolling update', OnDelete: 'On delete' },
  status: {
    Updating: 'Updating',
    Running: 'Running',
    Stopped: 'Stopped',
    reason: {
      notObserved: 'Waiting for the controller to pick up the latest change',
      noNodes: 'No node matches its node selector',
      pulling: 'Pulling image on {count} of {desired} nodes',
      onNode: '{reason} on {node}',
      onNodes: '{reason} on {count} node | {reason} on {count} nodes',
      misscheduled: '{count} pod on a node it should not run on | {count} pods on nodes they should not run on',
      updated: '{updated} of {desired} pods updated',
      available: '{available} of {desired} pods available',
      oldRevision: '{old} of {total} pods on an old revision — delete them to update',
    },
  },
  age: { seconds: '{n}s', minutes: '{n}m', hours: '{n}h', days: '{n}d', unknown: '—' },
  del: {
    title: 'Delete DaemonSet {name}? | Delete {count} DaemonSets?',
    body: 'This cannot be undone.',
    more: '… and {count} more',
    pods: 'Its pods',
    cascade: 'Delete its pods too',
    orphan: 'Orphan the pods (they keep running without a DaemonSet)',
    confirm: 'Delete',
    cancel: 'Cancel',
  },
  bulk: listEn,
  outcome: {
    redeployed: 'Redeployed {name}. | Redeployed {count} DaemonSets.',
    deleted: 'Deleted {name}. | Deleted {count} DaemonSets.',
    failed: '{name}: {message}',
    partial: '{ok} of {total} succeeded.',
    dismiss: 'Dismiss',
  },
  state: {
    loading: 'Loading DaemonSets…',
    loadingClusters: 'Reading kubeconfig…',
    emptyTitle: 'No DaemonSets in this project',
    emptyHint:
      'Create one with the “{create}” button above (or kubectl apply), or choose another project at the top left.',
    noMatchTitle: 'No DaemonSets match',
    noMatchHint: 'Change the search or the status filter.',
    noContextTitle: 'No cluster to connect to',
    noContextHint: 'Add a kubeconfig file to see its clusters here.',
    unreachable: 'Cannot reach the cluster',
    unauthorized: 'The cluster did not accept your credentials',
    forbidden: 'You are not allowed to see this',
    error: 'Something went wrong',
    connecting: 'Connecting to {name}…',
    retry: 'Try again',
    connect: 'Connect',
    waitingForChoice: 'Not connected yet',
    plainHttpTitle: 'Send your credentials unencrypted?',
    plainHttpConfirm: 'Send over plain HTTP',
    notResponding: 'The cluster is not responding',
  },
  wizard: wizardEn,
  detail: detailEn,
  exec: execEn,
  forward: forwardEn,
  metrics: metricsEn,
  links: linksEn,
  stuck: stuckEn,
  consent: consentEn,
  clustersPage: clustersPageEn,
  nodes: nodesEn,
  fleet: fleetEn,
  nodeView: nodeViewEn,
  pods: podsEn,
  editor: editorEn,
  drafts: draftsEn,
  // issue 18: the command palette and the shortcuts dialog
  keyboard: keyboardEn,
};

export default en;
export type Catalogue = typeof en;
