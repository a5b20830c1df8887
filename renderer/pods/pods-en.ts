// The pod panel's English messages (`pods` in en.ts).
const podsEn = {
  title: 'Pod {pod}',
  forwarding: 'Forwarding {address} to port {port} of this pod.',
  close: 'Close',
  closeNamed: 'Close the panel of pod {pod}',
  loading: 'Loading the pod…',
  notFound: 'There is no pod {pod} in project {namespace}.',
  deleted: 'Pod {pod} was deleted. What is shown is how it was last seen.',
  badLink: 'This link names no pod: “{value}” is not a project and a pod name, as in team-a/probe-x7k2p.',
  noContext: 'The pod is shown once the cluster of this page is connected.',
  error: 'The panel cannot be kept up to date: {message}',
  facts: {
    label: 'About the pod',
    state: 'State',
    node: 'Node',
    owner: 'Owner',
    project: 'Project',
    age: 'Age',
    restarts: 'Restarts',
    reason: 'Why',
    unbound: 'not scheduled',
  },
  containers: {
    title: 'Containers ({count})',
    table: 'Containers',
    name: 'Name',
    image: 'Image',
    state: 'State',
    ready: 'Ready',
    restarts: 'Restarts',
    last: 'Last termination',
    yes: 'yes',
    no: 'no',
    none: '—',
    lastText: '{reason} (exit code {code})',
  },
  events: {
    none: 'No events about this pod.',
  },
  outcome: {
    deleted: 'Deleted pod {pod}; the DaemonSet controller creates its replacement.',
    deleteFailed: 'Could not delete the pod: {message}',
  },
};

export default podsEn;
