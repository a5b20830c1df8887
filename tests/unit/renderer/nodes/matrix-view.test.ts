// The Nodes page's pure parts: deltas into rows, the filters, and the CSV/JSON an SRE attaches to an incident.
import { describe, expect, it } from 'vitest';
import type { MatrixCell, MatrixColumn, MatrixRow } from '../../../../electron/contract/matrix-dto';
import { applyMatrixDelta, emptyFilter, filterMatrix } from '../../../../renderer/nodes/matrix-view';
import { csvField, matrixCsv, matrixJson } from '../../../../renderer/nodes/matrix-export';

const column = (name: string): MatrixColumn => ({
  key: `ns/${name}`,
  namespace: 'ns',
  name,
  uid: name,
  eligible: 2,
  covered: 1,
});
const row = (name: string, labels: Record<string, string>, cells: MatrixCell[]): MatrixRow => ({
  node: { name, labels, taints: [], unschedulable: false, ready: true, conditions: [], allocatable: {} },
  cells,
  ok: cells.filter((c) => c.state === 'available').length,
  expected: cells.filter((c) => c.state !== 'notWanted').length,
});
const columns = [column('cni'), column('logs')];
const rows = [
  row('b', { zone: 'z1' }, [
    { state: 'available', pod: 'cni-1' },
    { state: 'missing', why: { kind: 'notCreated' } },
  ]),
  row('a', { zone: 'z2', gpu: 'true' }, [
    { state: 'failing', pod: 'cni-2', why: { kind: 'pod', reason: 'ImagePullBackOff' } },
    { state: 'available', pod: 'logs-2' },
  ]),
];

describe('matrix rows', () => {
  it('a reset replaces the rows; later deltas replace changed rows and drop removed nodes', () => {
    const map = new Map<string, MatrixRow>([['old', row('old', {}, [])]]);
    const base = { columns, synced: true, forbiddenNamespaces: [], nodesForbidden: false };
    applyMatrixDelta(map, { ...base, reset: true, rows, patches: [], removed: [] }, []);
    expect([...map.keys()].sort()).toEqual(['a', 'b']);
    const changed = row('a', {}, [{ state: 'available' }, { state: 'available' }]);
    applyMatrixDelta(map, { ...base, reset: false, rows: [changed], patches: [], removed: ['b'] }, columns);
    expect([...map.values()]).toEqual([changed]);
  });

  it('filters by missing, failing, label (key or key=value) and DaemonSet; rows by node name', () => {
    const names = (f: Partial<ReturnType<typeof emptyFilter>>) =>
      filterMatrix(columns, rows, { ...emptyFilter(), ...f }).rows.map((r) => r.node.name);
    expect(names({})).toEqual(['a', 'b']);
    expect(names({ missing: true })).toEqual(['b']);
    expect(names({ failing: true })).toEqual(['a']);
    expect(names({ label: 'gpu' })).toEqual(['a']);
    expect(names({ label: 'zone=z1' })).toEqual(['b']);
    expect(names({ label: 'zone=z3' })).toEqual([]);
    // Missing only in the column shown: with `cni` alone, no node misses an agent.
    expect(names({ missing: true, daemonSet: 'ns/cni' })).toEqual([]);
    expect(filterMatrix(columns, rows, { ...emptyFilter(), daemonSet: 'ns/logs' }).columns).toEqual([
      { column: columns[1], index: 1 },
    ]);
  });
});

describe('matrix export', () => {
  it('writes CSV fields as RFC 4180 does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('exports what the filters show, a line per node with each cell as state: reason', () => {
    const view = filterMatrix(columns, rows, emptyFilter());
    expect(matrixCsv(view)).toBe(
      'node,ns/cni,ns/logs,ok,expected\r\na,failing: ImagePullBackOff,available,1,2\r\nb,available,missing,1,2\r\n',
    );
    const json = JSON.parse(matrixJson('prod', view)) as { context: string; nodes: { cells: object }[] };
    expect(json.context).toBe('prod');
    expect(json.nodes[0]?.cells).toEqual({
      'ns/cni': { state: 'failing', pod: 'cni-2', why: { kind: 'pod', reason: 'ImagePullBackOff' } },
      'ns/logs': { state: 'available', pod: 'logs-2' },
    });
  });
});
