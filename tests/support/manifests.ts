// Manifests the integration and e2e tests apply with real kubectl.

/** A DaemonSet YAML document (with its leading `---`) selecting `app: name`, its pod spec given as YAML at column 0. */
export function daemonSetYaml(name: string, namespace: string, podSpec: string): string {
  return `---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
${podSpec.trim().replace(/^/gm, '      ')}
`;
}
