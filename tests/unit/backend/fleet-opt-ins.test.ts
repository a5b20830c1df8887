import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetOptIns } from '../../../electron/backend/fleet/opt-ins.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-fleet-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FleetOptIns', () => {
  it('remembers the opted-in context names across a restart, in order, names only, mode 0600', async () => {
    const first = new FleetOptIns(dir);
    expect(await first.load()).toEqual([]);
    await first.set('east-admin', true);
    await first.set('west-admin', true);
    await first.set('east-admin', true);
    await first.set('north-admin', true);
    await first.set('west-admin', false);
    await first.flushed();
    expect(await new FleetOptIns(dir).load()).toEqual(['east-admin', 'north-admin']);
    const file = path.join(dir, 'fleet.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ version: 1, contexts: ['east-admin', 'north-admin'] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('starts with nothing opted in from a damaged file, and drops entries that are not names', async () => {
    fs.writeFileSync(path.join(dir, 'fleet.json'), '{"contexts": [');
    expect(await new FleetOptIns(dir).load()).toEqual([]);
    fs.writeFileSync(path.join(dir, 'fleet.json'), JSON.stringify({ contexts: ['a', 3, '', 'a', null, 'b'] }));
    expect(await new FleetOptIns(dir).load()).toEqual(['a', 'b']);
  });
});
