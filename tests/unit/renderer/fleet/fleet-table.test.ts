import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { row } from '../fixtures';
import {
  fleetCsv,
  fleetExport,
  fleetRows,
  imageDrift,
  isDrifted,
  splitImage,
  type FleetInput,
} from '../../../../renderer/fleet/fleet-table';

const agent = (version: string, overrides: Parameters<typeof row>[1] = {}) =>
  row('agent', { images: [`registry.example/agent:${version}`], ...overrides });

describe('matching DaemonSets across clusters', () => {
  it('matches by project and name: the same name in another project is another row', () => {
    const input: FleetInput = {
      east: [agent('v1.8.1'), row('agent', { namespace: 'kube-system' })],
      west: [agent('v1.8.1')],
    };
    const rows = fleetRows(input, { by: 'name' });
    expect(rows.map((r) => r.key)).toEqual(['default/agent', 'kube-system/agent']);
    expect(Object.keys(rows[0]?.cells ?? {})).toEqual(['east', 'west']);
    expect(Object.keys(rows[1]?.cells ?? {})).toEqual(['east']);
  });

  it('matches by a label when names differ, and leaves out DaemonSets without that label', () => {
    const label = 'app.kubernetes.io/name';
    const input: FleetInput = {
      east: [row('node-agent', { labels: { [label]: 'agent' } }), row('unlabelled')],
      west: [row('agent-ds', { namespace: 'ops', labels: { [label]: 'agent' } })],
    };
    const rows = fleetRows(input, { by: 'label', key: label });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).toBe('agent');
    expect(rows[0]?.cells.east?.map((d) => d.key)).toEqual(['default/node-agent']);
    expect(rows[0]?.cells.west?.map((d) => d.key)).toEqual(['ops/agent-ds']);
  });

  it('puts every DaemonSet of the input in exactly one row (property)', () => {
    const names = fc.constantFrom('a', 'b', 'c', 'd');
    const ds = fc.record({ name: names, ns: fc.constantFrom('x', 'y'), app: fc.option(names, { nil: undefined }) });
    const cluster = fc.uniqueArray(ds, { selector: (d) => `${d.ns}/${d.name}`, maxLength: 6 });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('c1', 'c2', 'c3'), cluster), fc.boolean(), (spec, byLabel) => {
        const input: FleetInput = Object.fromEntries(
          Object.entries(spec).map(([ctx, list]) => [
            ctx,
            list.map((d) => row(d.name, { namespace: d.ns, labels: d.app === undefined ? {} : { app: d.app } })),
          ]),
        );
        const matching = byLabel ? ({ by: 'label', key: 'app' } as const) : ({ by: 'name' } as const);
        const placed = fleetRows(input, matching).flatMap((r) =>
          Object.entries(r.cells).flatMap(([ctx, list]) => list.map((d) => `${ctx}:${d.key}`)),
        );
        const expected = Object.entries(input).flatMap(([ctx, list]) =>
          list.filter((d) => !byLabel || d.labels.app !== undefined).map((d) => `${ctx}:${d.key}`),
        );
        expect(placed.sort()).toEqual(expected.sort());
      }),
    );
  });
});

describe('image version drift', () => {
  it('counts clusters per version, the most common first, and marks the odd one', () => {
    const cells = { a: [agent('v1.8.1')], b: [agent('v1.8.1')], c: [agent('v1.7.0')], d: [agent('v1.8.1')] };
    const drift = imageDrift(cells);
    expect(drift).toEqual([
      {
        image: 'registry.example/agent',
        versions: [
          { version: 'v1.8.1', clusters: ['a', 'b', 'd'] },
          { version: 'v1.7.0', clusters: ['c'] },
        ],
        drifted: true,
      },
    ]);
    expect(isDrifted(drift, 'registry.example/agent:v1.7.0')).toBe(true);
    expect(isDrifted(drift, 'registry.example/agent:v1.8.1')).toBe(false);
  });

  it('highlights every version on a tie: none of them is the norm', () => {
    const drift = imageDrift({ a: [agent('v1')], b: [agent('v2')] });
    expect(drift[0]?.drifted).toBe(true);
    expect(isDrifted(drift, 'registry.example/agent:v1')).toBe(true);
    expect(isDrifted(drift, 'registry.example/agent:v2')).toBe(true);
  });

  it('is no drift when every cluster runs the same version', () => {
    const drift = imageDrift({ a: [agent('v1')], b: [agent('v1')] });
    expect(drift[0]?.drifted).toBe(false);
    expect(isDrifted(drift, 'registry.example/agent:v1')).toBe(false);
  });

  it('reads tags, digests, untagged images and registry ports', () => {
    expect(splitImage('nginx')).toEqual({ image: 'nginx', version: 'latest' });
    expect(splitImage('nginx:1.27')).toEqual({ image: 'nginx', version: '1.27' });
    expect(splitImage('reg.local:5000/team/app')).toEqual({ image: 'reg.local:5000/team/app', version: 'latest' });
    expect(splitImage('reg.local:5000/app:v2')).toEqual({ image: 'reg.local:5000/app', version: 'v2' });
    expect(splitImage('app@sha256:abc')).toEqual({ image: 'app', version: 'sha256:abc' });
  });
});

describe('export', () => {
  const rows = fleetRows({ east: [agent('v1.8.1')], west: [agent('v1.7.0')] }, { by: 'name' });
  const clusters = [
    { context: 'east', state: 'connected' },
    { context: 'west', state: 'connected' },
    { context: 'gone', state: 'unreachable' },
  ];
  const data = fleetExport(rows, clusters, { by: 'name' }, () => ({ status: 'Running' }));

  it('has one line per row and cluster, an unreachable cluster saying so', () => {
    const lines = fleetCsv(data).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'row,context,state,namespace,name,images,ready,desired,status,reason,strategy',
      'default/agent,east,connected,default,agent,registry.example/agent:v1.8.1,3,3,Running,,RollingUpdate',
      'default/agent,west,connected,default,agent,registry.example/agent:v1.7.0,3,3,Running,,RollingUpdate',
      'default/agent,gone,unreachable,,,,,,,,',
    ]);
  });

  it('quotes commas and quotes, and never lets a spreadsheet run a cell as a formula', () => {
    const odd = fleetExport(rows, [{ context: '=cmd,"x"', state: 'connected' }], { by: 'name' }, () => ({
      status: 'Running',
    }));
    expect(fleetCsv(odd).split('\r\n')[1]).toBe(`default/agent,"'=cmd,""x""",connected,,,,,,,,`);
  });
});
