import { describe, expect, it } from 'vitest';
import {
  applyQuery,
  defaultQuery,
  helmReleasesOf,
  matchesSearch,
  type ListQuery,
} from '../../../../renderer/list/list-query';
import { ageMessage, pairsText } from '../../../../renderer/shared/format';
import { row } from '../fixtures';

const agent = row('log-agent', { alias: 'Fluent Bit', labels: { app: 'log-agent', tier: 'system' } });
const exporter = row('node-exporter', {
  labels: { app: 'node-exporter', tier: 'monitoring' },
  createdAt: '2026-03-01T00:00:00Z',
  status: { available: 1 },
});
const idle = row('gpu-plugin', {
  labels: { app: 'gpu' },
  createdAt: '2025-12-01T00:00:00Z',
  status: { desired: 0, current: 0, ready: 0, available: 0, updated: 0 },
});
const all = [agent, exporter, idle];

const names = (q: Partial<ListQuery>) => applyQuery(all, { ...defaultQuery(), ...q }).map((r) => r.name);

describe('search', () => {
  it('matches part of the name, case-insensitively', () => {
    expect(matchesSearch(exporter, 'EXPORT')).toBe(true);
    expect(matchesSearch(agent, 'export')).toBe(false);
  });

  it('matches the alias', () => {
    expect(matchesSearch(agent, 'fluent')).toBe(true);
  });

  it('k=v matches a label with exactly that value', () => {
    expect(names({ search: 'tier=system' })).toEqual(['log-agent']);
    expect(names({ search: 'tier=sys' })).toEqual([]);
  });

  it('a bare k matches rows that have the label key', () => {
    expect(names({ search: 'tier' })).toEqual(['log-agent', 'node-exporter']);
  });

  it('all space-separated terms must match', () => {
    expect(names({ search: 'tier=monitoring node' })).toEqual(['node-exporter']);
    expect(names({ search: 'tier=monitoring agent' })).toEqual([]);
  });

  it('an empty or blank search keeps every row', () => {
    expect(names({ search: '   ' })).toHaveLength(3);
  });
});

describe('status filter and sort', () => {
  it('filters by computed status', () => {
    expect(names({ status: 'Updating' })).toEqual(['node-exporter']);
    expect(names({ status: 'Stopped' })).toEqual(['gpu-plugin']);
    expect(names({ status: 'Running' })).toEqual(['log-agent']);
  });

  it('sorts by name both ways', () => {
    expect(names({})).toEqual(['gpu-plugin', 'log-agent', 'node-exporter']);
    expect(names({ sort: { key: 'name', direction: 'desc' } })).toEqual(['node-exporter', 'log-agent', 'gpu-plugin']);
  });

  it('sorts by status: Updating, Stopped, Running', () => {
    expect(names({ sort: { key: 'status', direction: 'asc' } })).toEqual(['node-exporter', 'gpu-plugin', 'log-agent']);
  });

  it('sorts by creation time', () => {
    expect(names({ sort: { key: 'created', direction: 'asc' } })).toEqual(['gpu-plugin', 'log-agent', 'node-exporter']);
    expect(names({ sort: { key: 'created', direction: 'desc' } })).toEqual([
      'node-exporter',
      'log-agent',
      'gpu-plugin',
    ]);
  });

  it('handles 5,000 rows quickly', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      row(`ds-${i}`, { labels: { app: `ds-${i}`, shard: String(i % 7) } }),
    );
    const started = performance.now();
    const out = applyQuery(many, {
      search: 'shard=3',
      status: 'Running',
      helm: '',
      sort: { key: 'status', direction: 'desc' },
    });
    expect(out.length).toBe(Math.ceil((5000 - 3) / 7));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('Helm release filter', () => {
  const helmRows = [
    row('agent-a', { helm: { release: 'agents', namespace: 'ops' } }),
    row('agent-b', { helm: { release: 'agents', namespace: 'dev' } }),
    row('plain'),
  ];
  const shown = (helm: string) => applyQuery(helmRows, { ...defaultQuery(), helm }).map((r) => r.name);

  it('shows one release (by project and name), the rows no release manages, or all', () => {
    expect(shown('ops/agents')).toEqual(['agent-a']);
    expect(shown('-')).toEqual(['plain']);
    expect(shown('')).toEqual(['agent-a', 'agent-b', 'plain']);
  });

  it('lists the releases sorted, and gives back the previous array while they are the same', () => {
    const first = helmReleasesOf(helmRows);
    expect(first).toEqual(['dev/agents', 'ops/agents']);
    expect(helmReleasesOf([...helmRows, row('other')], first)).toBe(first);
    const more = helmReleasesOf([...helmRows, row('x', { helm: { release: 'x', namespace: 'a' } })], first);
    expect(more).toEqual(['a/x', 'dev/agents', 'ops/agents']);
    expect(helmReleasesOf(helmRows.slice(0, 1), first)).toEqual(['ops/agents']);
  });
});

describe('format', () => {
  const created = '2026-01-01T00:00:00Z';
  const at = (seconds: number) => Date.parse(created) + seconds * 1000;

  it('ages read like kubectl: seconds, minutes, hours up to two days, then days', () => {
    expect(ageMessage(created, at(45))).toEqual({ key: 'age.seconds', params: { n: 45 } });
    expect(ageMessage(created, at(12 * 60 + 5))).toEqual({ key: 'age.minutes', params: { n: 12 } });
    expect(ageMessage(created, at(47 * 3600))).toEqual({ key: 'age.hours', params: { n: 47 } });
    expect(ageMessage(created, at(3 * 86400 + 5))).toEqual({ key: 'age.days', params: { n: 3 } });
  });

  it('a clock behind the server never shows a negative age; a bad date says so', () => {
    expect(ageMessage(created, at(-30))).toEqual({ key: 'age.seconds', params: { n: 0 } });
    expect(ageMessage('not a date', at(0))).toEqual({ key: 'age.unknown' });
  });

  it('pairsText lists k=v sorted by key', () => {
    expect(pairsText({ zone: 'a', 'kubernetes.io/os': 'linux' })).toBe('kubernetes.io/os=linux, zone=a');
    expect(pairsText({})).toBe('');
  });
});
