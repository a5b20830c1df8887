import { describe, expect, it } from 'vitest';
import { TlsKeyed } from '../../../electron/backend/session/tls-keyed';

describe('one value kept per TLS material', () => {
  it('gives the kept value for the same material, a new one for new material, and releases the old', () => {
    const released: string[] = [];
    const kept = new TlsKeyed<string>((old) => released.push(old));
    let made = 0;
    const make = () => `agent-${++made}`;
    expect(kept.get({ ca: 'A', cert: 'C1' }, make)).toBe('agent-1');
    expect(kept.get({ ca: 'A', cert: 'C1' }, make)).toBe('agent-1');
    // A renewed client certificate: a new agent, the old one let go.
    expect(kept.get({ ca: 'A', cert: 'C2' }, make)).toBe('agent-2');
    expect(released).toEqual(['agent-1']);
    kept.clear();
    expect(released).toEqual(['agent-1', 'agent-2']);
    expect(kept.get({ ca: 'A', cert: 'C2' }, make)).toBe('agent-3');
  });
});
