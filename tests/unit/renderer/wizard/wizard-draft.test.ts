// The draft in storage: saved shortly after a change, read back whole, ignored when it is not a form.
import { describe, expect, it } from 'vitest';
import { emptyForm, formFromManifest, manifestFromForm, renameForm } from '../../../../renderer/wizard/form';
import { clearDraft, loadDraft, saveDraftSoon } from '../../../../renderer/wizard/wizard-draft';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('wizard draft storage', () => {
  it('saves after a pause and restores a form that writes the same manifest', async () => {
    const storage = memoryStorage();
    const form = formFromManifest({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'x', namespace: 'team-a' },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { dnsPolicy: 'Default', containers: [{ name: 'c', image: 'busybox:1.36', stdin: true }] },
        },
      },
    });
    renameForm(form, 'y');
    saveDraftSoon(form, storage);
    expect(storage.items.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const restored = loadDraft(storage);
    expect(restored).not.toBeNull();
    if (!restored) return;
    expect(manifestFromForm(restored)).toEqual(manifestFromForm(form));
    clearDraft(storage);
    expect(loadDraft(storage)).toBeNull();
  });

  it('ignores what is not a draft', () => {
    const storage = memoryStorage();
    expect(loadDraft(storage)).toBeNull();
    storage.setItem('everynode.wizard.draft', '{"name": 3}');
    expect(loadDraft(storage)).toBeNull();
    storage.setItem('everynode.wizard.draft', 'not json');
    expect(loadDraft(storage)).toBeNull();
    storage.setItem('everynode.wizard.draft', JSON.stringify(emptyForm('default')));
    expect(loadDraft(storage)?.namespace).toBe('default');
  });
});
