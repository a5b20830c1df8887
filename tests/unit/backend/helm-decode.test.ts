// Helm's release record as its Secret driver writes it: JSON, gzipped, base64-encoded by Helm, then by Kubernetes.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRelease } from '../../../electron/backend/helm/decode.js';

const release = {
  name: 'agents',
  namespace: 'monitoring',
  version: 7,
  info: { status: 'deployed', last_deployed: '2026-11-30T08:15:00.123Z', notes: 'thanks' },
  chart: { metadata: { name: 'node-agent', version: '1.3.0', appVersion: '2.4.1' }, values: { token: 'chart-secret' } },
  config: { token: 'user-secret' },
  manifest: 'kind: Secret\ndata: {token: dXNlci1zZWNyZXQ=}\n',
};
const k8s = (helmText: string): string => Buffer.from(helmText).toString('base64');

describe('Helm release decoding', () => {
  it('reads the summary of a gzipped record through both base64 layers, and nothing else', async () => {
    const wire = k8s(gzipSync(JSON.stringify(release)).toString('base64'));
    const summary = await decodeRelease(wire);
    expect(summary).toEqual({
      name: 'agents',
      namespace: 'monitoring',
      revision: 7,
      status: 'deployed',
      chart: 'node-agent',
      chartVersion: '1.3.0',
      appVersion: '2.4.1',
      updated: '2026-11-30T08:15:00.123Z',
    });
    expect(JSON.stringify(summary)).not.toMatch(/secret|thanks/);
  });

  it('reads a record stored without gzip as plain JSON, as Helm does', async () => {
    const summary = await decodeRelease(
      k8s(Buffer.from(JSON.stringify({ name: 'bare', version: 1 })).toString('base64')),
    );
    expect(summary).toEqual({ name: 'bare', revision: 1 });
  });

  it('leaves out what the record lacks instead of inventing it', async () => {
    const wire = k8s(gzipSync(JSON.stringify({ version: 2, chart: {} })).toString('base64'));
    expect(await decodeRelease(wire)).toEqual({ revision: 2 });
  });

  it('refuses a record that is not a release (truncated gzip, not JSON, not an object)', async () => {
    const gz = gzipSync(JSON.stringify(release));
    await expect(decodeRelease(k8s(gz.subarray(0, gz.length / 2).toString('base64')))).rejects.toThrow();
    await expect(decodeRelease(k8s(Buffer.from('not json').toString('base64')))).rejects.toThrow();
    await expect(decodeRelease(k8s(gzipSync('[1,2]').toString('base64')))).rejects.toThrow(/not a JSON object/);
  });
});
