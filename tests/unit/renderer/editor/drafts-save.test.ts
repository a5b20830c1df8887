import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { DRAFT_PART_CHARS, saveDrafts, saveDraftsRemote, type DraftState } from '../../../../renderer/editor/drafts';
import { useEditorStore } from '../../../../renderer/editor/editor';
import { fakeBridge } from '../fake-bridge';
import { memoryStorage } from '../memory-storage';

// Finding 8: drafts larger than the browser host's 16 MiB frames were sent in one message, the socket closed, and the
// page still said "Draft saved". Now they go in parts, and a save that reached no storage says so.

const stored = new Map<string, string>();
beforeEach(() => {
  setActivePinia(createPinia());
  stored.clear();
  globalThis.localStorage = memoryStorage(stored);
});

const drafts = (chars: number): DraftState => ({
  files: [{ id: 'a', name: 'big.yaml', format: 'yaml', text: `# ${'x'.repeat(chars)}\n` }],
  activeId: 'a',
  savedAt: 1,
});

/** An editor over the fake bridge (whose saveDrafts fails), with one file set to `text`; waits for the notice `key`. */
async function editorAfterSave(text: string, key: string) {
  setApi(createApi(fakeBridge().bridge));
  const editor = useEditorStore();
  editor.open();
  await editor.restore();
  editor.newFile();
  const file = editor.files[0];
  if (!file) throw new Error('no file');
  editor.setText(file.id, text);
  for (let i = 0; i < 40 && editor.notice?.key !== key; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return editor;
}

describe('saving drafts', () => {
  it('tells a copy skipped for size from a saved one', () => {
    expect(saveDrafts(drafts(10))).toBe('saved');
    expect(saveDrafts(drafts(2_000_000))).toBe('skipped');
    expect(stored.size).toBe(0);
  });

  it('sends 20 MB of drafts in parts no larger than one part, in order, which make up the whole', async () => {
    const parts: [string, number, number, string][] = [];
    const whole: DraftState[] = [];
    const editor = {
      saveDrafts: (d: DraftState) => Promise.resolve(void whole.push(d)),
      saveDraftsPart: (id: string, index: number, count: number, part: string) =>
        Promise.resolve(void parts.push([id, index, count, part])),
    };
    const big = drafts(20 * 1024 * 1024);
    await saveDraftsRemote(big, editor, 'save-7');
    expect(whole).toEqual([]);
    expect(parts.map(([id, index, count]) => [id, index, count])).toEqual(
      Array.from({ length: 6 }, (_, i) => ['save-7', i, 6]),
    );
    expect(parts.every(([, , , part]) => part.length <= DRAFT_PART_CHARS)).toBe(true);
    expect(JSON.parse(parts.map(([, , , part]) => part).join(''))).toEqual(big);
    await saveDraftsRemote(drafts(10), editor, 'save-8');
    expect(whole).toEqual([drafts(10)]);
  });

  it('says "not saved" with the reason when neither copy was written, never "Draft saved"', async () => {
    const editor = await editorAfterSave(`# ${'x'.repeat(2_000_000)}\n`, 'editor.notice.draftNotSaved');
    expect(editor.notice).toMatchObject({ key: 'editor.notice.draftNotSaved', tone: 'error' });
    expect(String(editor.notice?.params?.reason)).not.toBe('');
    expect(editor.draftSaved).toBeNull();
  });

  it("says the drafts are not on disk, with the reason, when only this window's storage took them", async () => {
    const editor = await editorAfterSave('kind: DaemonSet\n', 'editor.notice.draftNotOnDisk');
    expect(stored.size).toBe(1);
    expect(editor.notice).toMatchObject({ key: 'editor.notice.draftNotOnDisk', tone: 'warning' });
    expect(String(editor.notice?.params?.reason)).toContain('not in the fake bridge');
    expect(editor.draftSaved).toBeNull();
  });
});
