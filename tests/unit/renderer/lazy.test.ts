import { createPinia, defineStore, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { prefetchWhen, storeIsOpen } from '../../../renderer/lazy';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('lazy chunks', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('tells whether a store is open from Pinia state, before and after the store exists', () => {
    const open = storeIsOpen('wizard');
    expect(open.value).toBe(false);
    // The store's module is loaded later (as the wizard chunk is); the computed follows it.
    const useWizard = defineStore('wizard', () => ({ isOpen: ref(false) }));
    const wizard = useWizard();
    expect(open.value).toBe(false);
    wizard.isOpen = true;
    expect(open.value).toBe(true);
    expect(storeIsOpen('editor').value).toBe(false);
  });

  it('loads the chunks once, one after the other, when the list is ready, even if one fails', async () => {
    const order: string[] = [];
    const load = (name: string, fail = false) =>
      vi.fn(() => {
        order.push(name);
        return fail ? Promise.reject(new Error('host gone')) : Promise.resolve();
      });
    const loads = [load('detail', true), load('wizard'), load('editor')];
    const ready = ref(false);
    prefetchWhen(ready, loads);
    await settle();
    expect(order).toEqual([]);
    ready.value = true;
    await settle();
    expect(order).toEqual(['detail', 'wizard', 'editor']);
    ready.value = false;
    ready.value = true;
    await settle();
    expect(loads.map((l) => l.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('loads them after a delay when the list never becomes ready', async () => {
    vi.useFakeTimers();
    try {
      const load = vi.fn(() => Promise.resolve());
      prefetchWhen(() => false, [load]);
      await vi.advanceTimersByTimeAsync(3000);
      expect(load).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2000);
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
