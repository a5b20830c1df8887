import http from 'node:http';
import type { WebHost } from '../../electron/web/host.js';

/** Opens the printed address once, as a browser does, and returns the cookie the host set ("name=value"). */
export function signIn(host: Pick<WebHost, 'port' | 'url'>): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(host.url);
    const request = http.request(
      { host: '127.0.0.1', port: host.port, path: `${url.pathname}${url.search}`, headers: { host: url.host } },
      (response) => {
        response.resume();
        const cookie = response.headers['set-cookie']?.[0]?.split(';')[0];
        if (response.statusCode === 303 && cookie !== undefined) resolve(cookie);
        else reject(new Error(`signing in answered ${response.statusCode ?? 0}`));
      },
    );
    request.on('error', reject);
    request.end();
  });
}
