// The raw client (kinds/client.ts) against a real local HTTP server: bodies go out and come back as written (a field no
// model knows included), a DELETE's body arrives framed, and failures classify as client-node's typed calls did.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSummary } from '../../../electron/contract/index.js';
import { AppError } from '../../../electron/backend/errors.js';
import { deleteObject, readObject, replaceObject } from '../../../electron/backend/kinds/client.js';
import { KINDS } from '../../../electron/backend/kinds/kinds.js';
import { ContextSession } from '../../../electron/backend/session/session.js';

let server: http.Server;
let session: ContextSession;
let timeouts = 0;
const received: { method: string; url: string; body: string; type: string | undefined }[] = [];

const status = (code: number, reason: string, message: string, causes?: unknown[]) =>
  JSON.stringify({ kind: 'Status', code, reason, message, ...(causes ? { details: { causes } } : {}) });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', body, type: req.headers['content-type'] });
      const name = (req.url ?? '').split('?')[0]?.split('/').pop();
      const send = (code: number, text: string) =>
        res.writeHead(code, { 'Content-Type': 'application/json' }).end(text);
      if (name === 'echo') send(200, body === '' ? '{"kind":"DaemonSet"}' : body);
      else if (name === 'stale') send(409, status(409, 'Conflict', 'the object has been modified; try again'));
      else if (name === 'invalid') {
        send(422, status(422, 'Invalid', 'invalid', [{ field: 'spec.selector', message: 'Required value' }]));
      } else if (name === 'secret') send(403, status(403, 'Forbidden', 'daemonsets.apps "secret" is forbidden'));
      // 'slow': no answer at all, until the client gives up.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const summary: ContextSummary = { name: 'raw', cluster: 'c', server: url, user: 'u', sourceId: 's', sandbox: false };
  session = await ContextSession.create(
    {
      summary,
      context: { name: 'raw', body: { cluster: 'c', user: 'u' } },
      cluster: { name: 'c', body: { server: url } },
      user: { name: 'u', body: { token: 'the-token' } },
    },
    { token: 'the-token' },
    500,
  );
  session.onRequestTimeout = () => timeouts++;
});

afterAll(async () => {
  session.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const failure = (work: Promise<unknown>): Promise<AppError> =>
  work.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as AppError,
  );

describe('raw client', () => {
  it('sends the body as written and returns the answer unfiltered', async () => {
    const body = { kind: 'DaemonSet', metadata: { name: 'echo' }, spec: { notInAnyModel: { kept: [1, 'two'] } } };
    const answer = await replaceObject(session, KINDS.daemonsets, 'ns', 'echo', body);
    expect(answer).toEqual(body);
    expect(received.at(-1)).toMatchObject({ method: 'PUT', url: '/apis/apps/v1/namespaces/ns/daemonsets/echo' });
    expect(received.at(-1)?.type).toBe('application/json');
  });

  it("frames a DELETE's options body so the server reads it", async () => {
    await deleteObject(session, KINDS.pods, 'ns', 'echo', 'Orphan');
    const sent = received.at(-1);
    expect(sent?.method).toBe('DELETE');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Orphan',
    });
  });

  it('classifies 409, 422 and 403 with the API Status message and causes', async () => {
    const conflict = await failure(replaceObject(session, KINDS.daemonsets, 'ns', 'stale', {}));
    expect(conflict).toMatchObject({
      code: 'conflict',
      status: 409,
      message: 'the object has been modified; try again',
    });
    const invalid = await failure(replaceObject(session, KINDS.daemonsets, 'ns', 'invalid', {}));
    expect(invalid).toMatchObject({ code: 'invalid', status: 422 });
    expect(invalid.causes).toEqual([{ field: 'spec.selector', message: 'Required value' }]);
    const forbidden = await failure(readObject(session, KINDS.daemonsets, 'ns', 'secret'));
    expect(forbidden).toMatchObject({ code: 'forbidden', status: 403 });
    expect(forbidden.message).not.toContain('the-token');
  });

  it('gives up after the session timeout as unreachable, and tells the session', async () => {
    const before = timeouts;
    const slow = await failure(readObject(session, KINDS.daemonsets, 'ns', 'slow'));
    expect(slow).toBeInstanceOf(AppError);
    expect(slow).toMatchObject({ code: 'unreachable' });
    expect(slow.message).toContain('timed out');
    expect(timeouts).toBe(before + 1);
  });
});
