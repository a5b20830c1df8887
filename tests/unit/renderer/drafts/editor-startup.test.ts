// The start-up race that once let a blank template replace four saved files: the editor opens while the backend's
// answer is still on its way. Nothing may be written before that answer, and the saved files come back, not a blank.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useEditorStore } from '../../../../renderer/editor/editor';
import { SAVE_MS } from '../../../../renderer/drafts/draft-sync';
import { EDITOR_DRAFT } from '../../../../common/draft-keys';
import { fakeBridge } from '../fake-bridge';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const saved = {
  files: ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    name: `${id}.yaml`,
    format: 'yaml' as const,
    text: `# file ${id}\n`,
  })),
  activeId: 'c',
  savedAt: 1,
};

describe('edit mode at start-up', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('opened before the saved drafts arrive, it writes nothing, then shows them and no blank template', async () => {
    const fake = fakeBridge();
    fake.drafts.set(EDITOR_DRAFT, { key: EDITOR_DRAFT, revision: 4, savedAt: 1, value: saved });
    let release: () => void = () => undefined;
    const answer = new Promise<void>((resolve) => (release = resolve));
    const get = fake.bridge.drafts.get;
    fake.bridge.drafts.get = async (key) => {
      await answer;
      return get(key);
    };
    setApi(createApi(fake.bridge));
    const editor = useEditorStore();
    editor.open();
    expect(editor.isOpen).toBe(true);
    await sleep(SAVE_MS + 50);
    expect(fake.callsOf('drafts.put')).toEqual([]);
    expect(editor.files).toEqual([]);

    release();
    await editor.ready();
    await sleep(SAVE_MS + 50);
    expect(editor.files.map((f) => f.name)).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    expect(editor.activeId).toBe('c');
    // What was read is saved already: nothing is written back, and the backend still holds the four files.
    expect(fake.callsOf('drafts.put')).toEqual([]);
    expect(fake.drafts.get(EDITOR_DRAFT)?.value).toEqual(saved);

    editor.setText('a', '# file a, edited\n');
    await vi.waitFor(() => expect(fake.callsOf('drafts.put').map(([, , base]) => base)).toEqual([4]));
    expect((fake.drafts.get(EDITOR_DRAFT)?.value as typeof saved).files).toHaveLength(4);
  });

  it('with no saved drafts, a blank file is made once the answer says so', async () => {
    const fake = fakeBridge();
    setApi(createApi(fake.bridge));
    const editor = useEditorStore();
    editor.open();
    await editor.ready();
    await sleep(0);
    expect(editor.files.map((f) => f.name)).toEqual(['untitled.yaml']);
  });
});
