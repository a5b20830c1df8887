// The backend's draft store on real files: revisions refuse a stale write, a restarted host reads every draft back,
// the file as a session found it is kept as the previous version and offered back, one discard can be undone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftStore } from '../../../electron/backend/files/drafts.js';
import { liveEditDraftKey } from '../../../common/draft-keys.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-drafts-'));
const editor = (text: string, savedAt = 1) => ({
  files: [{ id: 'f1', name: 'agent.yaml', format: 'yaml' as const, text }],
  activeId: 'f1',
  savedAt,
});
const onDisk = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'drafts.json'), 'utf8')) as unknown;

describe('the draft store', () => {
  it('saves atomically with mode 0600 and a new store (a restarted host) reads every draft back', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir);
    const live = liveEditDraftKey('sandbox-admin', 'default', 'fluent-bit');
    let revision = 0;
    for (const n of [1, 2, 3]) revision = (await store.put('editor', editor(`# ${n}`), revision)).revision;
    await store.put('wizard', { name: 'agent' }, 0);
    await store.put(live, { base: { manifest: {}, resourceVersion: '7' }, form: { name: 'fluent-bit' } }, 0);
    expect(fs.statSync(path.join(dir, 'drafts.json')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const again = new DraftStore(dir);
    expect((await again.list()).drafts.map((d) => d.key).sort()).toEqual(['editor', live, 'wizard'].sort());
    expect((await again.get('editor'))?.value).toEqual(editor('# 3'));
    expect((await again.get(live))?.value).toMatchObject({ form: { name: 'fluent-bit' } });
  });

  it('refuses a write over a revision that is not the latest, and leaves the draft as it was', async () => {
    const store = new DraftStore(tempDir());
    const first = await store.put('wizard', { name: 'a' }, 0);
    const second = await store.put('wizard', { name: 'b' }, first.revision);
    await expect(store.put('wizard', { name: 'stale' }, first.revision)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('another window or tab saved this draft meanwhile') as string,
    });
    await expect(store.put('wizard', { name: 'new' }, 0)).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.get('wizard')).toMatchObject({ revision: second.revision, value: { name: 'b' } });
  });

  it('a discard can be undone once; revisions never repeat, so a stale window stays refused', async () => {
    const store = new DraftStore(tempDir());
    const saved = await store.put('wizard', { name: 'kept' }, 0);
    const state = await store.discard('wizard', saved.revision);
    expect(state.drafts).toEqual([]);
    expect(state.discarded?.key).toBe('wizard');
    const back = await store.undoDiscard();
    expect(back.value).toEqual({ name: 'kept' });
    expect(back.revision).toBeGreaterThan(saved.revision);
    await expect(store.undoDiscard()).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.put('wizard', { name: 'stale' }, saved.revision)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps the file as this session found it as the previous version and brings it back where it differs', async () => {
    const dir = tempDir();
    const first = new DraftStore(dir);
    await first.put('editor', editor('four files of work'), 0);
    await first.put('wizard', { name: 'w' }, 0);
    await first.flushed();

    // The next session: a page that went wrong replaces the editor's files with a blank template.
    const next = new DraftStore(dir);
    expect((await next.list()).previous).toEqual([]);
    const current = await next.get('editor');
    await next.put('editor', editor('apiVersion: apps/v1\n'), current?.revision ?? 0);
    expect(fs.readFileSync(path.join(dir, 'drafts.previous.json'), 'utf8')).toContain('four files of work');
    expect((await next.list()).previous.map((d) => d.key)).toEqual(['editor']);
    const restored = await next.restorePrevious();
    expect(restored.map((d) => d.key)).toEqual(['editor']);
    expect((await next.get('editor'))?.value).toEqual(editor('four files of work'));
    expect((await next.list()).previous).toEqual([]);
  });

  it("reads the previous version's drafts.json (the editor's files alone) as the editor's draft", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'drafts.json'), JSON.stringify(editor('old format', 42)));
    const store = new DraftStore(dir);
    expect(await store.get('editor')).toMatchObject({ revision: 1, savedAt: 42, value: editor('old format', 42) });
    const next = await store.put('editor', editor('new'), 1);
    expect(next.revision).toBe(2);
    expect(onDisk(dir)).toMatchObject({ version: 2, drafts: [{ key: 'editor', revision: 2 }] });
  });

  it('reads nothing from a missing or damaged file, and drops entries of no known kind', async () => {
    const dir = tempDir();
    expect((await new DraftStore(dir).list()).drafts).toEqual([]);
    fs.writeFileSync(
      path.join(dir, 'drafts.json'),
      JSON.stringify({
        version: 2,
        drafts: [
          { key: 'elsewhere', revision: 1, savedAt: 1, value: {} },
          { key: 'wizard', revision: 'x' },
        ],
      }),
    );
    expect((await new DraftStore(dir).list()).drafts).toEqual([]);
    fs.writeFileSync(path.join(dir, 'drafts.json'), '{ not json');
    expect((await new DraftStore(dir).list()).drafts).toEqual([]);
  });
});
