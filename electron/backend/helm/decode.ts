import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { isRecord, record, text } from '../../../common/guards.js';
import type { HelmReleaseInfo } from '../../contract/index.js';

// A Helm 3 release record as its Secret driver stores it (helm's pkg/storage/driver/util.go): the release as JSON,
// gzipped, then base64 (Helm's), stored as a Secret's `data.release`, which Kubernetes base64-encodes once more.
// Helm decodes records without the gzip header as plain JSON, so this does too. Only the summary leaves: the
// record also holds the chart's templates, the user's values and the rendered manifest, which may carry secrets.

const gunzipAsync = promisify(gunzip);
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
// A release record is at most a Secret (1 MiB); decompressed, charts with many templates reach tens of MiB.
const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** The record's own name and namespace, and the fields the renderer may know (the contract's HelmReleaseInfo). */
export type ReleaseSummary = { name?: string; namespace?: string } & Pick<
  HelmReleaseInfo,
  'revision' | 'status' | 'chart' | 'chartVersion' | 'appVersion' | 'updated'
>;

/** The release's summary from a Secret's `data.release` as the API sends it (Kubernetes base64). */
export async function decodeRelease(wireData: string): Promise<ReleaseSummary> {
  const helmBase64 = Buffer.from(wireData, 'base64').toString('latin1');
  const bytes = Buffer.from(helmBase64, 'base64');
  const gzipped = GZIP_MAGIC.every((b, i) => bytes[i] === b);
  const json = gzipped ? await gunzipAsync(bytes, { maxOutputLength: MAX_JSON_BYTES }) : bytes;
  const release: unknown = JSON.parse(json.toString('utf8'));
  if (!isRecord(release)) throw new Error('The Helm release record is not a JSON object.');
  const info = record(release.info);
  const metadata = record(record(release.chart).metadata);
  const summary: ReleaseSummary = {
    name: text(release.name),
    namespace: text(release.namespace),
    revision: typeof release.version === 'number' ? release.version : undefined,
    status: text(info.status),
    chart: text(metadata.name),
    chartVersion: text(metadata.version),
    appVersion: text(metadata.appVersion),
    updated: text(info.last_deployed),
  };
  // Absent fields stay absent on the wire.
  return Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== undefined)) as ReleaseSummary;
}
