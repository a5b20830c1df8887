#!/usr/bin/env node
// Exec credential plugin of the sandbox's `operator` user: kubectl and client libraries run it and read an
// ExecCredential from stdout. The token lives in a file whose path the kubeconfig passes in the exec `env`, so the
// kubeconfig itself never holds the operator's secret.
import { readFileSync } from 'node:fs';

const path = process.env.SANDBOX_TOKEN_FILE;
if (!path) {
  process.stderr.write('sandbox exec plugin: SANDBOX_TOKEN_FILE is not set\n');
  process.exit(1);
}
let token;
try {
  token = readFileSync(path, 'utf8').trim();
} catch {
  process.stderr.write('sandbox exec plugin: cannot read the token file (is the sandbox running?)\n');
  process.exit(1);
}
// Short-lived on purpose: clients must re-run the plugin, which is the path this user exists to exercise.
const expirationTimestamp = new Date(Date.now() + 10 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
process.stdout.write(
  JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: { token, expirationTimestamp },
  }) + '\n',
);
