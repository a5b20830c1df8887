import { describe, expect, it } from 'vitest';
import { channels, eventNames, serviceArgs, serviceMethods } from '../../../electron/contract/channels.js';

// The preload builds `window.everynode` from serviceMethods (no zod); the hosts validate with serviceArgs. A method
// in one and not the other would be a bridge function that is always refused, or a validated channel the renderer
// cannot reach.
describe('the zod-free channel names the preload uses', () => {
  it('name exactly the service methods that channels.ts validates', () => {
    const validated = Object.fromEntries(
      Object.entries(serviceArgs).map(([service, methods]) => [service, Object.keys(methods).sort()]),
    );
    const named = Object.fromEntries(
      Object.entries(serviceMethods).map(([service, methods]) => [service, [...methods].sort()]),
    );
    // On failure: add the method to serviceMethods in electron/contract/channel-names.ts (or its schema to serviceArgs).
    expect(named).toEqual(validated);
  });

  it('give every channel the same name as the validated table', () => {
    const fromNames = Object.entries(serviceMethods).flatMap(([service, methods]) =>
      methods.map((method) => `everynode:${service}.${method}`),
    );
    expect(fromNames.sort()).toEqual(channels.map((spec) => spec.channel).sort());
  });

  it('list each event once', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
    expect(eventNames.every((name) => /^onDid[A-Z]\w+$/.test(name))).toBe(true);
  });
});
