import { describe, expect, it } from 'vitest';
import { browserUrl, formatBytes, isHttpPort, parseLocalPort } from '../../../../renderer/forward/forward-view';

describe('the local-port field', () => {
  it('reads empty as a free port and whole ports from 1 to 65535, and nothing else', () => {
    expect(parseLocalPort('')).toBe(0);
    expect(parseLocalPort('  ')).toBe(0);
    expect(parseLocalPort('8080')).toBe(8080);
    expect(parseLocalPort(' 65535 ')).toBe(65535);
    for (const bad of ['0', '65536', '-1', '80.5', '1e3', 'http', '0x50', '123456'])
      expect(parseLocalPort(bad), bad).toBeNull();
  });
});

describe('forward figures and links', () => {
  it('shows bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MiB');
  });

  it('offers the browser for plain-HTTP ports only, on 127.0.0.1', () => {
    expect(isHttpPort(9100, 'metrics')).toBe(true);
    expect(isHttpPort(8443, 'https')).toBe(false);
    expect(isHttpPort(5432, 'postgres')).toBe(false);
    expect(isHttpPort(8080, undefined)).toBe(true);
    expect(isHttpPort(5432, undefined)).toBe(false);
    expect(browserUrl(41234, 9100, 'metrics')).toBe('http://127.0.0.1:41234/metrics');
    expect(browserUrl(41234, 8080, 'http')).toBe('http://127.0.0.1:41234/');
  });
});
