import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftStore } from '../../../electron/backend/files/drafts.js';

const draft = (text: string, savedAt: number) => ({
  files: [{ id: 'f1', name: 'agent.yaml', format: 'yaml' as const, text }],
  activeId: 'f1',
  savedAt,
});

describe('editor drafts on disk', () => {
  it('saves atomically with mode 0600 and a new store (a restarted host) reads the newest draft back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-drafts-'));
    const store = new DraftStore(dir);
    const writes = [1, 2, 3, 4, 5].map((n) => store.save(draft(`kind: DaemonSet # ${n}`, n)));
    await Promise.all(writes);
    const file = path.join(dir, 'drafts.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await new DraftStore(dir).load()).toEqual(draft('kind: DaemonSet # 5', 5));
  });

  it('reads nothing from a missing or damaged file, and drops malformed entries', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-drafts-'));
    expect(await new DraftStore(dir).load()).toBeNull();
    fs.writeFileSync(
      path.join(dir, 'drafts.json'),
      '{"files": [{"id": 1}, {"id":"a","name":"b","format":"json","text":"{}"}]}',
    );
    expect(await new DraftStore(dir).load()).toEqual({
      files: [{ id: 'a', name: 'b', format: 'json', text: '{}' }],
      activeId: null,
      savedAt: 0,
    });
    fs.writeFileSync(path.join(dir, 'drafts.json'), '{ not json');
    expect(await new DraftStore(dir).load()).toBeNull();
  });
});
