import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/backend/errors.js';
import { byContext, guardGroups } from '../../../electron/backend/guard.js';
import type { ContextSession } from '../../../electron/backend/session/session.js';

interface Sample {
  things: {
    count(): Promise<number>;
    name(id: string): Promise<string>;
    fail(kind: 'app' | 'raw' | 'sync'): Promise<void>;
  };
}

const services = guardGroups<Sample>({
  things: {
    count: () => 3,
    name: async (id) => `thing-${id}`,
    fail: async (kind) => {
      if (kind === 'app') throw new AppError('forbidden', 'You may not.');
      if (kind === 'raw') throw new Error('token=abc123 leaked in a raw message');
    },
  },
});

describe('guardGroups', () => {
  it('answers a promise for a handler returning a value or a promise', async () => {
    const count = services.things.count();
    expect(count).toBeInstanceOf(Promise);
    await expect(count).resolves.toBe(3);
    await expect(services.things.name('a')).resolves.toBe('thing-a');
  });

  it('passes an AppError through and turns any other failure into an internal error without its text', async () => {
    await expect(services.things.fail('app')).rejects.toMatchObject({ code: 'forbidden', message: 'You may not.' });
    const raw = await services.things.fail('raw').catch((error: unknown) => error);
    expect(raw).toBeInstanceOf(AppError);
    expect(raw).toMatchObject({ code: 'internal', message: 'The request failed unexpectedly.' });
  });

  it('turns a handler that throws before answering into a rejection', async () => {
    const sync = guardGroups<{ g: { m(): Promise<void> } }>({
      g: {
        m: () => {
          throw new TypeError('boom');
        },
      },
    });
    await expect(sync.g.m()).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('byContext', () => {
  // Only its identity matters here: byContext hands the looked-up session on unread.
  const dev = {} as ContextSession;
  const sessions = new Map([['dev', dev]]);
  const inContext = byContext(async (context) => {
    const session = sessions.get(context);
    if (!session) throw new AppError('invalid-argument', `Context "${context}" is not connected.`);
    return session;
  });
  const echo = inContext((session, namespace: string, n: number) => [session, namespace, n] as const);

  it('calls the work with the context session and the remaining arguments', async () => {
    const [session, namespace, n] = await echo('dev', 'team-a', 2);
    expect(session).toBe(dev);
    expect([namespace, n]).toEqual(['team-a', 2]);
  });

  it('refuses a context that has no session, without calling the work', async () => {
    let called = false;
    const work = inContext(() => {
      called = true;
    });
    await expect(work('prod')).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(called).toBe(false);
  });
});
