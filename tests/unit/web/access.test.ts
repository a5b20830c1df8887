import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieName, newToken, readCookie, refuse, SignIn, tokenCookie } from '../../../electron/web/access.js';
import { defaultStateDir, parseCli, wantsHelp, WEB_USAGE } from '../../../electron/web/cli-options.js';

const port = 41234;
const token = newToken();

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('browser host access', () => {
  it('makes a fresh 256-bit token per launch', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
  });

  it('sets an HttpOnly, SameSite=Strict cookie named after the port', () => {
    expect(tokenCookie(port, 't')).toBe(`everynode-${port}=t; HttpOnly; SameSite=Strict; Path=/`);
    expect(readCookie(`a=1; ${cookieName(port)}=${token}; b=2`, cookieName(port))).toBe(token);
  });

  // Finding 10: the token signs in once, for a cookie of another value.
  const signIn = new SignIn(token);
  const session = signIn.exchange(token) ?? '';
  it('exchanges the token once, for a cookie value that is not the token', () => {
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).not.toBe(token);
    expect(signIn.exchange(token)).toBeUndefined();
    expect(new SignIn(token).exchange(token.slice(1))).toBeUndefined();
    expect(signIn.isSignedIn(token)).toBe(false);
    expect(signIn.isSignedIn(session)).toBe(true);
  });

  const cookie = `${cookieName(port)}=${session}`;
  it.each([
    ['our host and cookie', { host: `127.0.0.1:${port}`, cookie }, false, undefined],
    [
      'localhost and our origin',
      { host: `localhost:${port}`, origin: `http://localhost:${port}`, cookie },
      true,
      undefined,
    ],
    ['no cookie', { host: `127.0.0.1:${port}` }, false, 401],
    ['a wrong cookie', { host: `127.0.0.1:${port}`, cookie: `${cookieName(port)}=${session.slice(1)}x` }, false, 401],
    ['the token as the cookie', { host: `127.0.0.1:${port}`, cookie: `${cookieName(port)}=${token}` }, false, 401],
    ["another port's cookie", { host: `127.0.0.1:${port}`, cookie: `${cookieName(port + 1)}=${session}` }, false, 401],
    ['a rebound host name', { host: `evil.example:${port}`, cookie }, false, 403],
    ['another port in Host', { host: `127.0.0.1:${port + 1}`, cookie }, false, 403],
    ['a foreign origin', { host: `127.0.0.1:${port}`, origin: 'http://evil.example', cookie }, false, 403],
    ['an https origin', { host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}`, cookie }, false, 403],
    ['a WebSocket without origin', { host: `127.0.0.1:${port}`, cookie }, true, 403],
  ])('with %s: %s', (_label, headers, upgrade, status) => {
    expect(refuse(request(headers), port, signIn, upgrade)?.status).toBe(status);
  });
});

describe('npm run web flags', () => {
  it('has a usage text naming every flag it accepts, asked for by --help or -h beside any other flag', () => {
    expect(wantsHelp(['--port', '80', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--sandbox'])).toBe(false);
    const named = [...WEB_USAGE.matchAll(/^ {2}(--[a-z-]+)( [A-Z]+)?/gm)].map((m) => [
      m[1] as string,
      m[2] !== undefined,
    ]);
    expect(named.map(([flag]) => flag)).toEqual([
      '--port',
      '--kubeconfig',
      '--sandbox',
      '--no-sandbox',
      '--allow-program',
      '--help',
    ]);
    for (const [flag, takesValue] of named) {
      if (flag === '--help') continue;
      expect(() =>
        parseCli(takesValue ? [String(flag), flag === '--port' ? '8080' : 'x'] : [String(flag)]),
      ).not.toThrow();
    }
    expect(() => parseCli(['--nope'])).toThrow();
  });

  it('starts the sandbox only when asked, or when there is no kubeconfig at all', () => {
    expect(parseCli([])).toEqual({ port: 0, kubeconfigs: [], sandbox: 'auto', allowPrograms: [] });
    expect(parseCli(['--sandbox', '--kubeconfig', 'a.yaml']).sandbox).toBe('on');
    expect(parseCli(['--kubeconfig', 'a.yaml', '--kubeconfig=b.yaml'])).toEqual({
      port: 0,
      kubeconfigs: ['a.yaml', 'b.yaml'],
      sandbox: 'off',
      allowPrograms: [],
    });
    expect(parseCli(['--no-sandbox', '--port', '8080'])).toEqual({
      port: 8080,
      kubeconfigs: [],
      sandbox: 'off',
      allowPrograms: [],
    });
  });

  it('takes the allowlist of credential programs only from its command line', () => {
    expect(parseCli(['--allow-program', 'aws', '--allow-program=/opt/bin/kubelogin']).allowPrograms).toEqual([
      'aws',
      '/opt/bin/kubelogin',
    ]);
    expect(() => parseCli(['--allow-program', './bin/login'])).toThrow(/command name or an absolute path/);
  });

  it('rejects bad flags', () => {
    expect(() => parseCli(['--port', 'http'])).toThrow(/port/);
    expect(() => parseCli(['--sandbox', '--no-sandbox'])).toThrow(/conflict/);
    expect(() => parseCli(['--host', '0.0.0.0'])).toThrow();
  });
});

describe('defaultStateDir', () => {
  it.runIf(process.platform === 'linux')(
    'uses an absolute XDG_CONFIG_HOME and ignores an empty or relative one',
    () => {
      expect(defaultStateDir({ XDG_CONFIG_HOME: '/x/config' }, '/home/u')).toBe('/x/config/everynode');
      expect(defaultStateDir({ XDG_CONFIG_HOME: '' }, '/home/u')).toBe('/home/u/.config/everynode');
      expect(defaultStateDir({ XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config/everynode');
      expect(defaultStateDir({}, '/home/u')).toBe('/home/u/.config/everynode');
    },
  );
});
