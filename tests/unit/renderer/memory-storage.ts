/** The browser's localStorage, kept in a Map: install it with `globalThis.localStorage = memoryStorage(map)`. */
export function memoryStorage(stored = new Map<string, string>()): Storage {
  return {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
    removeItem: (k: string) => void stored.delete(k),
    clear: () => stored.clear(),
    key: () => null,
    length: 0,
  };
}
