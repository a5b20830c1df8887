import { describe, expect, it } from 'vitest';
import { planUser } from '../../../electron/backend/consent/launch.js';
import { buildLaunch, clientUser } from '../../../electron/backend/consent/spawn-model.js';

const plan = (user: Record<string, unknown>, hasDirectory = true) => planUser('u', user, hasDirectory);
const refusal = (user: Record<string, unknown>, hasDirectory = true) => {
  const result = plan(user, hasDirectory);
  return result.ok ? undefined : result.problem;
};
const gcp = (config: Record<string, unknown>) => ({
  'auth-provider': {
    name: 'gcp',
    config: { 'token-key': '{.credential.access_token}', 'expiry-key': '{.credential.token_expiry}', ...config },
  },
});

describe('planUser: what client-node would run for a user stanza', () => {
  it('finds the exec plugin, an auth provider config.exec, and a gcp or azure cmd-path run through the shell', () => {
    expect(plan({ exec: { command: 'aws', args: ['eks'], env: [{ name: 'A', value: '1' }] } })).toEqual({
      ok: true,
      program: { source: 'exec', command: 'aws', args: ['eks'], env: [{ name: 'A', value: '1' }] },
      fields: {},
    });
    // Finding 1: kubectl refuses this provider; client-node runs its config.exec.
    expect(plan({ 'auth-provider': { name: 'exec', config: { exec: { command: '/bin/any', args: ['a'] } } } })).toEqual(
      { ok: true, program: { source: 'auth-provider-exec', command: '/bin/any', args: ['a'], env: [] }, fields: {} },
    );
    expect(plan({ 'auth-provider': { name: 'custom', config: { exec: { command: 'x' } } } })).toMatchObject({
      program: { source: 'auth-provider-exec', command: 'x' },
    });
    expect(plan(gcp({ 'cmd-path': '/usr/bin/gcloud', 'cmd-args': 'config config-helper' }))).toMatchObject({
      program: { source: 'gcp', command: '/usr/bin/gcloud', args: ['config config-helper'] },
      fields: { 'auth-provider': { name: 'gcp' } },
    });
    expect(plan({ token: 't', 'auth-provider': { name: 'oidc', config: { 'id-token': 'x' } } })).toEqual({
      ok: true,
      fields: { token: 't', 'auth-provider': { name: 'oidc', config: { 'id-token': 'x' } } },
    });
  });

  it('refuses shapes client-node would misread, naming the field (finding 2)', () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { exec: { command: 'aws', args: { env: { BASH_ENV: 'evil.sh' } } } },
        'exec.args must be a list of strings, not a mapping',
      ],
      [{ exec: { command: 'aws', args: ['ok', 3] } }, 'exec.args[1] must be a string, not a number'],
      [
        { exec: { command: 'aws', env: { NODE_OPTIONS: '--require x' } } },
        'exec.env must be a list of {name, value}, not a mapping',
      ],
      [{ exec: { command: 'aws', env: [{ name: 'A', value: 1 }] } }, 'exec.env[0] ("A"): value must be a string'],
      [
        {
          exec: {
            command: 'aws',
            env: [
              { name: 'A', value: '1' },
              { name: 'A', value: '2' },
            ],
          },
        },
        'exec.env sets "A" twice',
      ],
      [{ exec: { command: 'aws', shell: '/bin/bash' } }, 'exec has "shell", which is not an exec plugin field'],
      [{ exec: { command: ['aws'] } }, 'exec.command must be a string, not a list'],
      [{ exec: { args: ['x'] } }, 'exec has no command'],
      [{ exec: 'aws' }, 'exec must be a mapping, not a string'],
      [{ exec: { command: 'aws' }, 'auth-provider': { name: 'gcp' } }, 'sets both exec and auth-provider'],
      [
        { 'auth-provider': { name: 'gcp', config: { exec: { command: 'x' } } } },
        'config.exec, which the gcp provider never runs',
      ],
      [
        { 'auth-provider': { name: 'oidc', config: { 'cmd-path': '/bin/x' } } },
        'config.cmd-path, which that provider never runs',
      ],
      [gcp({ 'cmd-path': '/bin/gcloud"; touch /tmp/x; "' }), 'config.cmd-path holds a quote'],
      [gcp({ 'cmd-path': '/bin/gcloud', 'token-key': '{$..[?(@.x)]}' }), 'config.token-key must be a simple path'],
      [gcp({ 'cmd-path': '/bin/gcloud', 'cmd-args': ['a'] }), 'config.cmd-args must be a string, not a list'],
    ];
    for (const [user, problem] of cases) expect(refusal(user)).toContain(problem);
  });

  it('refuses a relative command in an upload, which has no directory (finding 5)', () => {
    expect(refusal({ exec: { command: './login' } }, false)).toBe(
      'User "u": exec.command is a relative path, and an uploaded kubeconfig has no directory to resolve it against.',
    );
    expect(refusal({ exec: { command: 'login' } }, false)).toBeUndefined();
  });
});

describe('the stanza client-node is given', () => {
  it('holds the program as modelled, its executable absolute, with PATH from the user and not the kubeconfig', () => {
    const planned = plan({ exec: { command: 'aws', args: ['x'], env: [{ name: 'A', value: '1' }] }, token: 't' });
    if (!planned.ok || !planned.program) throw new Error('no program');
    const launch = buildLaunch(planned.program, '/usr/bin/aws', '/usr/bin:/bin');
    expect(clientUser(planned.fields, launch)).toEqual({
      token: 't',
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: '/usr/bin/aws',
        args: ['x'],
        env: [
          { name: 'A', value: '1' },
          { name: 'PATH', value: '/usr/bin:/bin' },
          {
            name: 'KUBERNETES_EXEC_INFO',
            value:
              '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}',
          },
        ],
      },
    });
  });

  it('gives gcp its resolved cmd-path, and shows the shell line that will run', () => {
    const planned = plan(gcp({ 'cmd-path': 'gcloud', 'cmd-args': 'config config-helper --format=json' }));
    if (!planned.ok || !planned.program) throw new Error('no program');
    const launch = buildLaunch(planned.program, '/opt/sdk/bin/gcloud', '/opt/sdk/bin');
    expect(launch.spawn).toEqual({
      file: '/bin/sh',
      args: ['-c', '"/opt/sdk/bin/gcloud" config config-helper --format=json'],
      env: {},
      shell: true,
    });
    expect(clientUser(planned.fields, launch)['auth-provider']).toMatchObject({
      name: 'gcp',
      config: { 'cmd-path': '/opt/sdk/bin/gcloud', 'cmd-args': 'config config-helper --format=json' },
    });
  });
});
