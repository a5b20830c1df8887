import { compare } from 'fast-json-patch';
import { isRecord, record } from '../../common/guards';

export interface DiffLine {
  op: 'add' | 'remove' | 'replace';
  path: string;
  before?: string;
  after?: string;
}

// Fields the server sets on every write: they would drown the user's own changes in the diff.
function withoutNoise(object: object): Record<string, unknown> {
  const { status: _status, ...rest } = record(object);
  const noise = new Set(['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp']);
  if (isRecord(rest.metadata)) {
    rest.metadata = Object.fromEntries(Object.entries(rest.metadata).filter(([key]) => !noise.has(key)));
  }
  return rest;
}

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** What applying would change in the live object: one line per changed field, server bookkeeping left out. */
export function liveDiff(live: object, result: object): DiffLine[] {
  const before = withoutNoise(live);
  return compare(before, withoutNoise(result)).flatMap((op): DiffLine[] => {
    const path = op.path.slice(1).replaceAll('/', '.');
    if (op.op === 'add') return [{ op: 'add', path, after: show(op.value) }];
    if (op.op === 'remove') return [{ op: 'remove', path, before: show(valueAt(before, op.path)) }];
    if (op.op === 'replace')
      return [{ op: 'replace', path, before: show(valueAt(before, op.path)), after: show(op.value) }];
    return [];
  });
}

function valueAt(object: unknown, pointer: string): unknown {
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (at, key) => (isRecord(at) || Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined),
      object,
    );
}
