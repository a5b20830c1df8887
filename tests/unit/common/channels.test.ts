// Channel names (common/channels.ts): the contract's hosts, the preload and the renderer's WebSocket bridge build them
// from this one prefix.
import { describe, expect, it } from 'vitest';
import { eventChannel, methodChannel } from '../../../common/channels';
import { eventChannel as contractEventChannel, findChannel } from '../../../electron/contract/index.js';

describe('channel names', () => {
  it('put the prefix before service.method and before an event name', () => {
    expect(methodChannel('clusters', 'getState')).toBe('everynode:clusters.getState');
    expect(eventChannel('onDidChangeClusters')).toBe('everynode:onDidChangeClusters');
  });

  it('are the names the contract validates calls under and sends events on', () => {
    expect(findChannel(methodChannel('daemonsets', 'redeploy'))).toMatchObject({ service: 'daemonsets' });
    expect(findChannel(methodChannel('daemonsets', 'exec'))).toBeUndefined();
    expect(contractEventChannel('onDidChangeConsent')).toBe(eventChannel('onDidChangeConsent'));
  });
});
