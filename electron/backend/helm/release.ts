import type { HelmReleaseInfo } from '../../contract/index.js';
import { rawCall } from '../kinds/client.js';
import { collectionPath, KINDS } from '../kinds/kinds.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { isRecord, record, records, text } from '../../../common/guards.js';
import { decodeRelease } from './decode.js';

// A release's deployed revision, as `helm status` finds it: the release Secrets carry labels owner=helm, name=<release>,
// version=<N> and status; the highest N that is deployed wins (the highest of any status when none is, as during a
// failed upgrade). One list of those Secrets; their contents never leave the backend beyond the summary.

const RELEASE_TYPE = 'helm.sh/release.v1';

function versionOf(secret: Record<string, unknown>): number {
  const labels = record(record(secret.metadata).labels);
  const n = Number(text(labels.version));
  return Number.isInteger(n) ? n : -1;
}

export async function helmRelease(
  session: ContextSession,
  namespace: string,
  release: string,
): Promise<HelmReleaseInfo> {
  const base: HelmReleaseInfo = { release, namespace, state: 'none' };
  let list: Record<string, unknown>;
  try {
    list = await rawCall(session, {
      method: 'GET',
      path: collectionPath(KINDS.secrets, namespace),
      query: { labelSelector: `owner=helm,name=${release}` },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return { ...base, state: 'forbidden' };
    throw error;
  }
  const secrets = records(list.items).filter((s) => s.type === RELEASE_TYPE);
  const deployed = secrets.filter((s) => record(record(s.metadata).labels).status === 'deployed');
  const newest = (deployed.length > 0 ? deployed : secrets).sort((a, b) => versionOf(b) - versionOf(a))[0];
  const data = newest && isRecord(newest.data) ? text(newest.data.release) : undefined;
  if (!newest || data === undefined) return base;
  try {
    const { name: _name, namespace: _namespace, ...summary } = await decodeRelease(data);
    return { ...base, state: 'readable', ...summary };
  } catch {
    throw new AppError('invalid', `The Helm release record of "${release}" in "${namespace}" cannot be read.`);
  }
}
