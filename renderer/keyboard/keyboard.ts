import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Whether the command palette or the shortcuts dialog is open (one at a time). */
export const useKeyboardStore = defineStore('keyboard', () => {
  const paletteOpen = ref(false);
  const shortcutsOpen = ref(false);
  function openPalette(): void {
    shortcutsOpen.value = false;
    paletteOpen.value = true;
  }
  function openShortcuts(): void {
    paletteOpen.value = false;
    shortcutsOpen.value = true;
  }
  return { paletteOpen, shortcutsOpen, openPalette, openShortcuts };
});
