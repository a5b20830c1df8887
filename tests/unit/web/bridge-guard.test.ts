import { describe, expect, it } from 'vitest';
import { ConnectionLimiter, DEFAULT_BRIDGE_LIMITS, TokenBucket } from '../../../electron/web/bridge-limits.js';
import { idOfRefusedFrame, parseFrame } from '../../../electron/web/bridge-message.js';

describe('reading a WebSocket frame', () => {
  it('accepts a well-formed call', () => {
    expect(parseFrame('{"type":"call","id":7,"channel":"everynode:host.info","args":[]}', false)).toEqual({
      kind: 'call',
      call: { type: 'call', id: 7, channel: 'everynode:host.info', args: [] },
    });
  });

  it('says what is wrong and where, answering by id when the frame has a usable one', () => {
    const cases: [string, { id?: number; message: string }][] = [
      ['{"type":"call","id":1,"channel":', { message: 'The message is not valid JSON.' }],
      ['[1,2]', { message: 'The message must be a JSON object, not an array.' }],
      ['42', { message: 'The message must be a JSON object, not a number.' }],
      ['null', { message: 'The message must be a JSON object, not null.' }],
      ['{"type":"reply","id":3}', { id: 3, message: '"type" must be "call".' }],
      ['{"type":"call","id":"x"}', { message: '"id" must be a whole number, not a string.' }],
      ['{"type":"call","id":1.5}', { message: '"id" must be a whole number, not a number.' }],
      ['{"type":"call","id":4,"channel":7,"args":[]}', { id: 4, message: '"channel" must be a string, not a number.' }],
      ['{"type":"call","id":5,"channel":"c","args":{}}', { id: 5, message: '"args" must be an array, not an object.' }],
    ];
    for (const [frame, expected] of cases)
      expect(parseFrame(frame, false), frame).toEqual({ kind: 'refused', ...expected });
  });

  it('refuses binary frames and never quotes what it refused (it may hold a credential)', () => {
    expect(parseFrame('{}', true)).toMatchObject({ kind: 'refused', message: expect.stringContaining('Binary') });
    const secret = 'token: sk-live-0123456789';
    const refusal = parseFrame(`{"type":"call","id":1,"channel":"${secret}`, false);
    expect(JSON.stringify(refusal)).not.toContain('sk-live');
  });

  it('finds the id of a small refused frame without trusting the rest of it', () => {
    expect(idOfRefusedFrame('{"type":"call","id":12,"channel":"x","args":[]}', false)).toBe(12);
    expect(idOfRefusedFrame('{"id":"12"}', false)).toBeUndefined();
    expect(idOfRefusedFrame('not json', false)).toBeUndefined();
    expect(idOfRefusedFrame('{"id":1}', true)).toBeUndefined();
    expect(idOfRefusedFrame(`{"id":1,"pad":"${'x'.repeat(70_000)}"}`, false)).toBeUndefined();
  });
});

describe('per-connection limits', () => {
  function clock() {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('lets a burst through, then refills at the configured rate', () => {
    const time = clock();
    const bucket = new TokenBucket(3, 2, time.now);
    expect([bucket.take(1), bucket.take(1), bucket.take(1), bucket.take(1)]).toEqual([true, true, true, false]);
    time.advance(499);
    expect(bucket.take(1)).toBe(false);
    time.advance(1);
    expect(bucket.take(1)).toBe(true);
    time.advance(60_000);
    // Never more than the burst, however long the connection was quiet.
    expect([bucket.take(3), bucket.take(1)]).toEqual([true, false]);
  });

  it('refuses messages over the message rate and over the byte rate, with the reason', () => {
    const time = clock();
    const limits = { ...DEFAULT_BRIDGE_LIMITS, burstMessages: 2, messagesPerSecond: 1, burstBytes: 100 };
    const limiter = new ConnectionLimiter(limits, time.now);
    expect(limiter.admitMessage(10)).toEqual({ admitted: true });
    expect(limiter.admitMessage(10)).toEqual({ admitted: true });
    expect(limiter.admitMessage(10)).toEqual({ admitted: false, reason: 'More than 1 messages a second.' });
    time.advance(1000);
    expect(limiter.admitMessage(1000)).toEqual({ admitted: false, reason: 'More than 16 MB a second.' });
  });

  it('caps the calls still running and frees a place when one finishes', () => {
    const limiter = new ConnectionLimiter({ ...DEFAULT_BRIDGE_LIMITS, maxInFlight: 2 });
    expect([limiter.startCall().admitted, limiter.startCall().admitted, limiter.startCall().admitted]).toEqual([
      true,
      true,
      false,
    ]);
    limiter.finished();
    expect(limiter.startCall().admitted).toBe(true);
  });

  it('asks to close a connection only after too many refusals within the window', () => {
    const time = clock();
    const limiter = new ConnectionLimiter(
      { ...DEFAULT_BRIDGE_LIMITS, maxRefusals: 3, refusalWindowMs: 1000 },
      time.now,
    );
    expect([limiter.refused(), limiter.refused(), limiter.refused()]).toEqual([false, false, false]);
    time.advance(1000);
    // The old refusals left the window: a slow trickle of mistakes never closes the connection.
    expect([limiter.refused(), limiter.refused(), limiter.refused()]).toEqual([false, false, false]);
    expect(limiter.refused()).toBe(true);
  });
});
