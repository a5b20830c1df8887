import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../../../electron/contract/consent-dto';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useConsentStore } from '../../../../renderer/clusters/consent';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { fakeBridge } from '../fake-bridge';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const request: ConsentRequest = {
  id: 'abc',
  context: 'other',
  file: '/home/u/.kube/config',
  program: {
    kind: 'exec',
    source: 'exec',
    command: 'aws',
    executable: '/usr/bin/aws',
    args: ['eks', 'get-token'],
    envNames: ['AWS_PROFILE'],
    shell: false,
    spawned: { file: '/usr/bin/aws', args: ['eks', 'get-token'] },
  },
  denied: false,
};

let fake: ReturnType<typeof fakeBridge>;
beforeEach(() => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  setApi(createApi(fake.bridge));
});

describe('consent store', () => {
  it('asks the backend once for the pending requests, then follows its events', async () => {
    const consent = useConsentStore();
    consent.init();
    consent.init();
    await settle();
    expect(fake.callsOf('consent.pending')).toHaveLength(1);
    expect(consent.request).toBeNull();
    fake.emit('onDidChangeConsent', { requests: [request] });
    expect(consent.request).toEqual(request);
    fake.emit('onDidChangeConsent', { requests: [] });
    expect(consent.request).toBeNull();
  });

  it("asks about the active context's request first, then the others; never about a refused one", async () => {
    const consent = useConsentStore();
    useClustersStore().init();
    consent.init();
    await settle();
    const mine = { ...request, id: 'mine', context: 'sandbox-admin' };
    const refused = { ...request, id: 'refused', context: 'third', denied: true };
    fake.emit('onDidChangeConsent', { requests: [refused, request, mine] });
    expect(consent.request?.id).toBe('mine');
    fake.emit('onDidChangeConsent', { requests: [refused, request] });
    expect(consent.request?.id).toBe('abc');
    fake.emit('onDidChangeConsent', { requests: [refused] });
    expect(consent.request).toBeNull();
  });

  it('answers the pending request by its id and takes the clusters state the backend returns', async () => {
    const consent = useConsentStore();
    consent.init();
    await settle();
    expect(await consent.decide(true)).toBe(false);
    expect(fake.callsOf('consent.decide')).toEqual([]);
    fake.emit('onDidChangeConsent', { requests: [request] });
    expect(await consent.decide(true)).toBe(true);
    expect(fake.callsOf('consent.decide')).toEqual([['abc', true]]);
    expect(useClustersStore().state?.activeContext).toBe('sandbox-admin');
  });

  it('sends the allowlist and shows what the backend kept', async () => {
    const consent = useConsentStore();
    await consent.setAllowlist(['aws', '/opt/bin/kubelogin']);
    expect(fake.callsOf('consent.setAllowlist')).toEqual([[['aws', '/opt/bin/kubelogin']]]);
    expect(consent.settings?.allowlist).toEqual(['aws', '/opt/bin/kubelogin']);
  });
});
