// The V8 options the browser host's Node process starts with: `npm run web` (package.json, which cannot import this
// and repeats it: tests/unit/scripts/host-node-flags.test.ts keeps the two equal), `npm start` without Electron
// (start.mjs) and the bench (tests/bench/support/web-host.ts); `npm start` with Electron hands them to its main process
// as --js-flags (start.mjs). V8 reads them only when the process starts, so an installed build launched from its own
// shortcut runs V8's defaults (docs/bench.md, "memory").
//
// Why (docs/bench.md, "memory"): under a steady stream of watch events (the soak's 1,000 a second) each event replaces
// a cached row, and the new row survives its first scavenges. V8 sizes the heap for that from its own timings, so the
// same churn ended at 140 MB of RSS in one run and 289 MB in the next, while the heap after a GC stayed at 24 MB:
// - the young generation doubles each time the bytes that survived since the last doubling exceed its size, up to
//   2 × 64 MB on a 64-bit machine with a 4 GB heap limit, and shrinks again only when allocation nearly stops, which a
//   busy cluster never allows: a 4 MB semi-space still holds seconds of the host's short-lived garbage;
// - the old generation may grow to 4 × what was live after the last full GC before it is collected again (the
//   promoted rows are garbage as soon as the next event replaces them): at most 1.5 × keeps the host near what it
//   holds, and a full GC of a heap this size is a few tens of ms, mostly on V8's background threads.
// Measured back to back, the host's CPU time for the same 120,000 events stayed the same.

/** @type {readonly string[]} */
export const HOST_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
