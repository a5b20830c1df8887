import fc from 'fast-check';

// User stanzas aimed at the consent gate: every place client-node finds a program (exec, an auth provider's
// config.exec, gcp/azure cmd-path), in every shape a careless or hostile file gives it: args as a mapping (spawn
// options), non-string args, env as a mapping or with odd entries, keys that are not exec fields, both exec and
// auth-provider, relative and missing commands. `marker` is a real program that logs every run.

export interface StanzaNames {
  /** The marker program by absolute path. */
  markerPath: string;
  /** Its bare name, found on the fake user PATH. */
  markerName: string;
}

const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ env: { BASH_ENV: '/tmp/evil.sh' } }),
  fc.constant({ shell: true }),
  fc.constant({ cwd: '/', uid: 0 }),
  fc.string({ maxLength: 6 }),
);

function usually<T>(good: fc.Arbitrary<T>, weight = 12): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: odd });
}

const word = fc.constantFrom('get-token', '--cluster', 'a b', '', '$(id)', '`id`', '; touch /tmp/x', '--x=1');

export function userStanza(names: StanzaNames): fc.Arbitrary<Record<string, unknown>> {
  const command = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(names.markerPath, names.markerName) },
    { weight: 1, arbitrary: fc.constantFrom('./bin/login', 'no-such-plugin', '/nonexistent/plugin', '') },
    { weight: 1, arbitrary: odd },
  );
  const envEntry = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({ name: fc.constantFrom('A', 'PATH', 'NODE_OPTIONS', 'BASH_ENV'), value: word }),
    },
    { weight: 1, arbitrary: fc.record({ name: odd, value: odd }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.constant({ name: 'A', value: '1', extra: 'x' }) },
  );
  const plainExec = fc.record(
    {
      apiVersion: usually(fc.constantFrom('client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1')),
      command,
      args: usually(fc.array(usually(word, 8), { maxLength: 3 })),
      env: usually(fc.array(envEntry, { maxLength: 3 })),
      interactiveMode: usually(fc.constantFrom('Never', 'IfAvailable')),
      installHint: fc.constant('brew install it'),
    },
    { requiredKeys: ['command'] },
  );
  // Now and then a key that is no exec field: a later client might honour it.
  const exec = fc.oneof(
    { weight: 6, arbitrary: plainExec },
    { weight: 1, arbitrary: plainExec.map((e) => ({ ...e, shell: '/bin/bash' })) },
    { weight: 1, arbitrary: plainExec.map((e) => ({ ...e, cwd: '/tmp' })) },
  );
  const simplePath = fc.constantFrom('{.credential.access_token}', '{.token_expiry}');
  const providerConfig = fc.record(
    {
      exec: usually(exec),
      'cmd-path': usually(command, 6),
      'cmd-args': usually(word),
      'token-key': fc.oneof(simplePath, fc.constant('{$..[?(@.x)]}'), odd),
      'expiry-key': fc.oneof(simplePath, odd),
      'access-token': fc.constantFrom('tok', ''),
      expiry: fc.constantFrom('2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z'),
      'id-token': fc.constant('a.b.c'),
    },
    { requiredKeys: [] },
  );
  const shellConfig = fc.record(
    {
      'cmd-path': usually(command),
      'cmd-args': usually(word),
      'token-key': fc.oneof(
        { weight: 8, arbitrary: simplePath },
        { weight: 1, arbitrary: fc.constant('{$..[?(@.x)]}') },
      ),
      'expiry-key': usually(simplePath),
      'access-token': fc.constantFrom('tok', ''),
      expiry: fc.constantFrom('2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z'),
    },
    { requiredKeys: ['cmd-path', 'token-key', 'expiry-key'] },
  );
  const provider = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ name: usually(fc.constantFrom('exec', 'custom')), config: fc.record({ exec }) }),
    },
    { weight: 4, arbitrary: fc.record({ name: fc.constantFrom('gcp', 'azure'), config: shellConfig }) },
    {
      weight: 1,
      arbitrary: fc.record({ name: fc.constant('oidc'), config: fc.record({ 'id-token': fc.constant('a.b.c') }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          name: fc.oneof(fc.constantFrom('exec', 'gcp', 'azure', 'oidc', 'custom'), odd),
          config: usually(providerConfig, 3),
        },
        { requiredKeys: [] },
      ),
    },
  );
  const token = fc.option(fc.constant('static-token'), { nil: undefined });
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.record({ exec: usually(exec, 8), token }) },
      { weight: 4, arbitrary: fc.record({ 'auth-provider': usually(provider, 8), token }) },
      { weight: 1, arbitrary: fc.record({ exec, 'auth-provider': provider }) },
      { weight: 1, arbitrary: fc.record({ token }) },
    )
    .map((user) => Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined)));
}
