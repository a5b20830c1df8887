import { describe, expect, it } from 'vitest';
import { serverHost } from '../../../../renderer/clusters/server-host';

describe('serverHost: what the context switcher shows of a server URL', () => {
  it('keeps the host and port, drops the path', () => {
    expect(serverHost('https://10.0.0.1:6443/k8s/clusters/c-1')).toBe('10.0.0.1:6443');
    expect(serverHost('https://api.example.com')).toBe('api.example.com');
  });

  it('never shows user info a URL carries', () => {
    const host = serverHost('https://admin:s3cret@api.example.com:8443');
    expect(host).toBe('api.example.com:8443');
    expect(host).not.toContain('s3cret');
  });

  it('is empty for a server that is not a URL (a context naming a missing cluster)', () => {
    expect(serverHost('')).toBe('');
    expect(serverHost('not a url')).toBe('');
  });
});
