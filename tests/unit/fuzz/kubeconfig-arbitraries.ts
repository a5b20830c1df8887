import fc from 'fast-check';
import { SECRET, secretText } from './support.js';

// Kubeconfigs that look right at a glance and are wrong in the ways real files are: wrong types, missing references,
// duplicate names, huge strings, bad base64, exec and auth-provider stanzas of the wrong shape. Every credential field
// carries the SECRET marker so a test can prove no error or problem text quotes it.

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
  fc.string({ maxLength: 6 }),
);

/** Mostly the right thing, sometimes a value of the wrong type, sometimes absent. */
function usually<T>(good: fc.Arbitrary<T>, weight = 5): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: wrongType });
}

// Few names, so references often resolve and duplicates are common; now and then an odd or huge one.
const entryName = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('dev', 'prod', 'kind-kind', 'a') },
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constant('n'.repeat(20_000)) },
);

const badBase64 = fc.oneof(
  secretText(),
  secretText().map((s) => Buffer.from(s).toString('base64')),
  secretText().map((s) => `${Buffer.from(s).toString('base64')}!!%%`),
);

const server = fc.oneof(
  fc.constant('https://127.0.0.1:6443'),
  fc.constant(`https://admin:${SECRET}@example.com:6443/k8s`),
  fc.constant(`https://example.com/?token=${SECRET}#${SECRET}`),
  fc.constant(`http://[::1`),
  fc.string({ maxLength: 30 }),
  fc.webUrl(),
);

const cluster = fc.record(
  {
    server: usually(server),
    'certificate-authority-data': usually(badBase64),
    'certificate-authority': usually(fc.constantFrom('ca.crt', '/etc/none/ca.crt', '')),
    'insecure-skip-tls-verify': usually(fc.boolean()),
    'proxy-url': usually(fc.constant(`http://u:${SECRET}@proxy:3128`)),
  },
  { requiredKeys: [] },
);

const exec = fc.record(
  {
    apiVersion: usually(fc.constantFrom('client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1')),
    command: usually(fc.constantFrom('kubelogin', './bin/plugin', '/nonexistent/plugin', '')),
    args: usually(fc.array(usually(secretText()), { maxLength: 3 })),
    env: usually(
      fc.array(usually(fc.record({ name: usually(fc.constant('TOKEN')), value: usually(secretText()) })), {
        maxLength: 2,
      }),
    ),
    interactiveMode: usually(fc.constantFrom('Never', 'IfAvailable', 'Always', 'Sometimes')),
  },
  { requiredKeys: [] },
);

const authProvider = fc.record(
  {
    name: usually(fc.constantFrom('oidc', 'gcp', 'azure')),
    config: usually(
      fc.record(
        { 'id-token': secretText(), 'refresh-token': secretText(), 'cmd-path': fc.constant('/usr/bin/gcloud') },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const user = fc.record(
  {
    token: usually(secretText()),
    tokenFile: usually(fc.constantFrom('token', '/nonexistent/token')),
    username: usually(fc.constant('admin')),
    password: usually(secretText()),
    'client-certificate-data': usually(badBase64),
    'client-key-data': usually(badBase64),
    exec: usually(exec),
    'auth-provider': usually(authProvider),
  },
  { requiredKeys: [] },
);

const context = fc.record(
  {
    cluster: usually(entryName),
    user: usually(entryName),
    namespace: usually(fc.constantFrom('default', 'kube-system')),
  },
  { requiredKeys: [] },
);

function namedList(bodyKey: string, body: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  // A wrong list or entry refuses the whole file, so those are rarer than wrong fields inside an entry.
  const item = fc.record({ name: usually(entryName, 30), [bodyKey]: usually(body, 30) }, { requiredKeys: ['name'] });
  return usually(fc.array(usually(item, 30), { maxLength: 4 }), 20);
}

/** A whole kubeconfig document as a plain value, before it is written as YAML or JSON. */
export const plausibleKubeconfig: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    apiVersion: usually(fc.constant('v1')),
    kind: fc.oneof({ weight: 6, arbitrary: fc.constant('Config') }, { weight: 1, arbitrary: wrongType }),
    clusters: namedList('cluster', cluster),
    users: namedList('user', user),
    contexts: namedList('context', context),
    'current-context': usually(entryName),
    preferences: usually(fc.constant({})),
  },
  { requiredKeys: [] },
);
