/** The smallest DaemonSet of one nginx container in `default`, as kubectl applies it. */
export function daemonSetYaml(name: string): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}, namespace: default }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: main, image: nginx:1.27.3 }] }
`;
}
