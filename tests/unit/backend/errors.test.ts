import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AppError, scrubSecrets, toErrorDTO } from '../../../electron/backend/errors.js';
import { classifyError } from '../../../electron/backend/session/classify.js';

describe('errors', () => {
  it('maps an API Status to code, message and causes', () => {
    const body = JSON.stringify({
      kind: 'Status',
      code: 422,
      message: 'DaemonSet.apps "x" is invalid: spec.selector: Required value',
      details: { causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' }] },
    });
    const error = classifyError(Object.assign(new Error('HTTP-Code: 422'), { code: 422, body }), 'admin');
    expect(toErrorDTO(error)).toEqual({
      code: 'invalid',
      status: 422,
      message: 'DaemonSet.apps "x" is invalid: spec.selector: Required value',
      causes: [{ field: 'spec.selector', message: 'Required value', reason: 'FieldValueRequired' }],
    });
    expect(classifyError({ code: 404, body: '{"message":"daemonsets.apps \\"x\\" not found"}' }, 'a').code).toBe(
      'not-found',
    );
    expect(classifyError({ code: 409, body: undefined }, 'a').code).toBe('conflict');
    expect(classifyError({ statusCode: 403 }, 'a').code).toBe('forbidden');
  });

  it('names the context for network failures and 401s', () => {
    const refused = Object.assign(new Error('request to https://127.0.0.1:1/x failed'), { code: 'ECONNREFUSED' });
    expect(toErrorDTO(classifyError(refused, 'dead'))).toEqual({
      code: 'unreachable',
      message: 'Context "dead": cannot reach the API server (connection refused).',
    });
    const unauthorized = classifyError({ code: 401 }, 'expired');
    expect(unauthorized.code).toBe('unauthorized');
    expect(unauthorized.message).toContain('Context "expired"');
  });

  it('says so when the server is on a port that client-node 2 (undici fetch) refuses before connecting', async () => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:10080', skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'blocked', cluster: 'c', user: 'u' }],
      currentContext: 'blocked',
    });
    const failure: unknown = await config
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch((error: unknown) => error);
    const error = classifyError(failure, 'blocked');
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/^Context "blocked": the API server's port is one .* "bad port"/);
  });

  it('scrubs tokens, PEM blocks and base64 runs from any message', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    const text = `failed: Bearer abc.def.ghi ${pem} eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig ${'QUJD'.repeat(20)}`;
    const scrubbed = scrubSecrets(text);
    expect(scrubbed).not.toMatch(/abc\.def|MIIEow|eyJhbG|QUJDQUJD/);
    expect(new AppError('internal', text).message).toBe(scrubbed);
    expect(toErrorDTO(new Error(text)).message).not.toContain('MIIEow');
  });
});
