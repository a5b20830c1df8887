import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_NODE_FLAGS } from '../../../scripts/host-node-flags.mjs';

// A steady stream of replaced cache entries, each surviving a scavenge, as the host's watch events are; then the
// young generation's size (MB). Fixed work, no timing.
const CHURN = `
const m = new Map();
for (let i = 0; i < 1500000; i++) m.set(i % 5000, { i, s: 'x' + i, a: [i, i + 1] });
const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.stdout.write(String(young.space_size / 1048576));
`;

const youngMb = (flags: readonly string[]): number =>
  Number(execFileSync(process.execPath, [...flags, '-e', CHURN], { encoding: 'utf8' }));

describe("the browser host's node flags", () => {
  it('keep the young generation at two 4 MB semi-spaces where V8 would let the same churn grow it', () => {
    expect(youngMb(HOST_NODE_FLAGS)).toBeLessThanOrEqual(8);
    expect(youngMb([])).toBeGreaterThan(8);
  });

  it('are options this Node accepts (a misspelt V8 flag would only print a warning)', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of HOST_NODE_FLAGS) expect(known).toContain(`${flag.split('=')[0]} (`);
  });

  it('are the ones `npm run web` starts the host with', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.web).toContain(`node ${HOST_NODE_FLAGS.join(' ')} dist/web/cli.mjs`);
  });
});
