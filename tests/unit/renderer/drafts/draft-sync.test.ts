// A window's drafts against the backend's answers: nothing written before the saved draft was read, steady typing
// saved within a second, a stale write refused and never retried on its own, localStorage imported once.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { DRAFT_PART_CHARS, DraftSync, SAVE_MS } from '../../../../renderer/drafts/draft-sync';
import { DRAFT_PART_CHARS as CONTRACT_PART_CHARS } from '../../../../electron/contract/channels';
import { importLocalDrafts } from '../../../../renderer/drafts/local-import';
import { emptyForm } from '../../../../renderer/wizard/form';
import { checkedForm, wizardDraft } from '../../../../renderer/wizard/wizard-draft';
import { EDITOR_DRAFT, WIZARD_DRAFT } from '../../../../common/draft-keys';
import { fakeBridge } from '../fake-bridge';
import { memoryStorage } from '../memory-storage';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const services = (fake: ReturnType<typeof fakeBridge>) => () => createApi(fake.bridge).services.drafts;

describe('a draft kept in step with the backend', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('writes nothing before the saved draft was read, then over its revision', async () => {
    const fake = fakeBridge();
    fake.drafts.set(WIZARD_DRAFT, { key: WIZARD_DRAFT, revision: 7, savedAt: 1, value: { name: 'saved' } });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sync = new DraftSync(WIZARD_DRAFT, services(fake), { apply: () => undefined }, gate);
    sync.save({ name: 'typed' });
    await sleep(SAVE_MS + 50);
    expect(fake.callsOf('drafts.put')).toEqual([]);
    release();
    await sync.flush();
    expect(fake.callsOf('drafts.put')).toEqual([[WIZARD_DRAFT, { name: 'typed' }, 7]]);
  });

  it('saves steady typing at most SAVE_MS after each change, not only after a pause', async () => {
    const fake = fakeBridge();
    const sync = new DraftSync(WIZARD_DRAFT, services(fake), { apply: () => undefined });
    await sync.load();
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      sync.save({ name: `n${i}` });
      await sleep(50);
    }
    // A debounce would have written nothing yet: a keystroke came every 50 ms for longer than SAVE_MS.
    expect(Date.now() - started).toBeGreaterThan(SAVE_MS);
    expect(fake.callsOf('drafts.put').length).toBeGreaterThanOrEqual(1);
    await sync.flush();
    expect(fake.drafts.get(WIZARD_DRAFT)?.value).toEqual({ name: 'n9' });
  });

  it('a stale write is refused, the owner told, and nothing is written until the user chooses', async () => {
    const fake = fakeBridge();
    const failures: string[] = [];
    const applied: unknown[] = [];
    const mine = new DraftSync(EDITOR_DRAFT, services(fake), {
      apply: (v) => applied.push(v),
      failed: (e) => failures.push(e.code),
    });
    await mine.load();
    // Another window saves first.
    const other = new DraftSync(EDITOR_DRAFT, services(fake), { apply: () => undefined });
    await other.load();
    other.save({ files: [], activeId: null, savedAt: 2, from: 'other' });
    await other.flush();
    mine.save({ from: 'mine' });
    await mine.flush();
    expect(failures).toEqual(['conflict']);
    expect(mine.conflicted).toBe(true);
    mine.save({ from: 'mine, later' });
    await sleep(SAVE_MS + 50);
    expect(fake.drafts.get(EDITOR_DRAFT)?.value).toMatchObject({ from: 'other' });
    // Keeping this window's version is a choice, and then it is its newest text that is saved.
    await mine.overwrite();
    expect(fake.drafts.get(EDITOR_DRAFT)?.value).toEqual({ from: 'mine, later' });
    // The other window, now behind, is refused in turn and takes the saved version when asked.
    other.save({ from: 'other again' });
    await other.flush();
    expect(other.conflicted).toBe(true);
    await mine.reload();
    expect(applied.at(-1)).toEqual({ from: 'mine, later' });
  });

  it('typing right after a discard is saved as a new draft, not refused as stale', async () => {
    const fake = fakeBridge();
    const failures: string[] = [];
    const sync = new DraftSync(WIZARD_DRAFT, services(fake), {
      apply: () => undefined,
      failed: (e) => failures.push(e.code),
    });
    await sync.load();
    sync.save({ name: 'old' });
    await sync.flush();
    // The backend answers the discard late (a loaded machine): the new typing must not overtake it.
    let answer: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (answer = resolve));
    const discard = fake.bridge.drafts.discard;
    fake.bridge.drafts.discard = async (key, revision) => {
      await late;
      return discard(key, revision);
    };
    const discarded = sync.discard();
    sync.save({ name: 'typed after discard' });
    await sleep(SAVE_MS + 50);
    answer();
    await discarded;
    await sync.flush();
    expect(failures).toEqual([]);
    expect(fake.drafts.get(WIZARD_DRAFT)?.value).toEqual({ name: 'typed after discard' });
  });

  it("the wizard's draft: saves asked for before the load are not sent", async () => {
    const fake = fakeBridge();
    const saved = { ...emptyForm('team-a'), name: 'saved-agent' };
    fake.drafts.set(WIZARD_DRAFT, { key: WIZARD_DRAFT, revision: 3, savedAt: 1, value: saved });
    setApi(createApi(fake.bridge));
    const draft = wizardDraft(() => undefined);
    draft.save({ ...emptyForm('default') });
    expect((await draft.load())?.name).toBe('saved-agent');
    await sleep(SAVE_MS + 50);
    expect(fake.callsOf('drafts.put')).toEqual([]);
    draft.save({ ...saved, name: 'renamed' });
    await vi.waitFor(() => expect(fake.drafts.get(WIZARD_DRAFT)?.value).toMatchObject({ name: 'renamed' }));
  });

  it("cuts a put larger than one message into parts of the contract's size, which the last one saves", async () => {
    expect(DRAFT_PART_CHARS).toBe(CONTRACT_PART_CHARS);
    const fake = fakeBridge();
    const parts: string[] = [];
    fake.bridge.drafts.putPart = (_id, index, count, part) => {
      parts.push(part);
      return Promise.resolve({
        ok: true,
        value: index === count - 1 ? { key: EDITOR_DRAFT, revision: 1, savedAt: 1 } : null,
      });
    };
    const saved: number[] = [];
    const sync = new DraftSync(EDITOR_DRAFT, services(fake), { apply: () => undefined, saved: (at) => saved.push(at) });
    const big = { files: [{ id: 'a', name: 'a.yaml', format: 'yaml', text: 'x'.repeat(DRAFT_PART_CHARS * 2) }] };
    sync.save(big);
    await sync.flush();
    expect(parts).toHaveLength(3);
    expect(JSON.parse(parts.join(''))).toEqual([EDITOR_DRAFT, big, 0]);
    expect(saved).toEqual([1]);
  });

  it('checkedForm drops what is not a form', () => {
    expect(checkedForm(null)).toBeNull();
    expect(checkedForm({ name: 3 })).toBeNull();
    expect(checkedForm('not a form')).toBeNull();
    expect(checkedForm(emptyForm('default'))?.namespace).toBe('default');
  });
});

describe("today's localStorage drafts", () => {
  it('are imported once where the backend has none, then removed', async () => {
    const fake = fakeBridge();
    const items = new Map<string, string>();
    const storage = memoryStorage(items);
    const editor = {
      files: [{ id: 'a', name: 'a.yaml', format: 'yaml', text: 'kind: DaemonSet\n' }],
      activeId: 'a',
      savedAt: 5,
    };
    items.set('everynode.editor.drafts.v1', JSON.stringify(editor));
    items.set('everynode.wizard.draft', JSON.stringify({ ...emptyForm('default'), name: 'local' }));
    fake.drafts.set(WIZARD_DRAFT, { key: WIZARD_DRAFT, revision: 1, savedAt: 9, value: { name: 'backend' } });
    const drafts = services(fake)();
    expect(await importLocalDrafts(drafts, storage)).toEqual([EDITOR_DRAFT]);
    expect(fake.drafts.get(EDITOR_DRAFT)?.value).toEqual(editor);
    // The backend's own wizard draft stays.
    expect(fake.drafts.get(WIZARD_DRAFT)?.value).toEqual({ name: 'backend' });
    expect([...items.keys()]).toEqual([]);
    expect(await importLocalDrafts(drafts, storage)).toEqual([]);
  });
});
