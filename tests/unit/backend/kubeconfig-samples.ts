import { stringify } from 'yaml';

/** A plausible kubeconfig of about `mb` megabytes: many contexts, each with certificate data. */
export function largeKubeconfig(mb: number): string {
  const count = Math.ceil((mb * 1024 * 1024) / 9000);
  const clusters = [];
  const users = [];
  const contexts = [];
  for (let i = 0; i < count; i++) {
    clusters.push({
      name: `c${i}`,
      cluster: { server: `https://h${i}:6443`, 'certificate-authority-data': 'QUJD'.repeat(600) },
    });
    users.push({
      name: `u${i}`,
      user: { 'client-certificate-data': 'QUJD'.repeat(700), 'client-key-data': 'QUJD'.repeat(800) },
    });
    contexts.push({ name: `ctx${i}`, context: { cluster: `c${i}`, user: `u${i}` } });
  }
  return stringify({ apiVersion: 'v1', kind: 'Config', clusters, users, contexts });
}
