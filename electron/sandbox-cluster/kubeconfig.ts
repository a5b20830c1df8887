// The kubeconfig of a sandbox: one cluster, three users and contexts (admin current, developer, operator via exec).
import { stringify } from 'yaml';
import type { Pki } from './auth/certs.js';

export interface KubeconfigInput {
  name: string;
  url: string;
  pki: Pki;
  /** Node (or Electron run as Node) and the exec plugin script for the operator user. */
  execCommand: string;
  execPluginPath: string;
  operatorTokenFile: string;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

export function buildKubeconfig(k: KubeconfigInput): string {
  const admin = `${k.name}-admin`;
  const developer = `${k.name}-developer`;
  const operator = `${k.name}-operator`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: k.name, cluster: { server: k.url, 'certificate-authority-data': b64(k.pki.caCert) } }],
    contexts: [
      { name: admin, context: { cluster: k.name, user: admin } },
      { name: developer, context: { cluster: k.name, user: developer, namespace: 'team-a' } },
      { name: operator, context: { cluster: k.name, user: operator } },
    ],
    'current-context': admin,
    users: [
      { name: admin, user: { token: k.pki.adminToken } },
      {
        name: developer,
        user: { 'client-certificate-data': b64(k.pki.developerCert), 'client-key-data': b64(k.pki.developerKey) },
      },
      {
        name: operator,
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: k.execCommand,
            args: [k.execPluginPath],
            env: [
              { name: 'SANDBOX_TOKEN_FILE', value: k.operatorTokenFile },
              // Lets Electron's binary run the script as plain Node when the desktop app hosts the sandbox.
              { name: 'ELECTRON_RUN_AS_NODE', value: '1' },
            ],
            interactiveMode: 'Never',
            provideClusterInfo: false,
          },
        },
      },
    ],
  });
}
