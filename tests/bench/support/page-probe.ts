// Instruments the list page from inside (installed with page.evaluate): choosing a project, watching row text change,
// long tasks, and reading every row by scrolling the virtualised table. Kept as page-side JavaScript text because it
// runs in Chromium, not in Node; all times it records are taken in the page.
export const PROBE_SOURCE = String.raw`
(() => {
  if (window.__bench) return;
  const body = () => document.querySelector('[role=table] [role=rowgroup].body');
  const rowsInDom = () => [...(body()?.querySelectorAll('[role=row]') ?? [])];
  const nameOf = (row) => row.querySelector('.primary-text')?.textContent?.trim() ?? '';
  const readyOf = (row) => {
    const match = /(\d+)\s*\/\s*(\d+)/.exec(row.querySelector('.ready')?.textContent ?? '');
    return match ? match[1] + '/' + match[2] : '';
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  // After a frame's rAF callbacks the browser paints; a message posted from rAF runs once that paint is done.
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  const state = { observations: [], longTasks: [], observer: null, longTaskObserver: null, last: new Map() };

  window.__bench = {
    projectOptions() {
      const select = document.getElementById('project-select');
      return select ? [...select.options].map((o) => ({ value: o.value, label: o.textContent.trim() })) : [];
    },
    selectedProject() {
      return document.getElementById('project-select')?.value ?? '';
    },
    rowCount() {
      const table = document.querySelector('[role=table]');
      return table ? Number(table.getAttribute('aria-rowcount') ?? '1') - 1 : -1;
    },
    visibleNames() {
      const scroller = document.querySelector('[role=table] .scroller');
      const view = scroller?.getBoundingClientRect();
      return rowsInDom()
        .filter((row) => {
          const box = row.getBoundingClientRect();
          return view && box.bottom > view.top && box.top < view.bottom;
        })
        .map(nameOf);
    },
    // Chooses the project as a user does (the select's change event) and resolves when the table says it holds
    // expectedRows rows, has rows in the DOM, and the frame showing them has painted. Times from the choice, in ms.
    chooseProject(label, expectedRows, timeoutMs) {
      const select = document.getElementById('project-select');
      const option = select && [...select.options].find((o) => o.textContent.trim() === label);
      if (!option) return Promise.reject(new Error('no project option ' + label));
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('table did not show ' + expectedRows + ' rows; it shows ' + window.__bench.rowCount()));
        }, timeoutMs);
        const check = () => {
          const count = window.__bench.rowCount();
          // An empty project may show its empty state instead of a table (no row count at all).
          if (expectedRows === 0 ? count > 0 : count !== expectedRows || rowsInDom().length === 0) return;
          observer.disconnect();
          clearTimeout(timer);
          const shown = performance.now() - started;
          afterPaint().then((painted) => resolve({ shownMs: shown, paintedMs: painted - started }));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        select.value = option.value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        check();
      });
    },
    startObserving() {
      state.observations = [];
      state.longTasks = [];
      state.last = new Map();
      const scan = () => {
        const now = Date.now();
        for (const row of rowsInDom()) {
          const name = nameOf(row);
          const ready = readyOf(row);
          if (state.last.get(name) === ready) continue;
          state.last.set(name, ready);
          state.observations.push([name, Number(ready.split('/')[0]), now]);
        }
      };
      scan();
      state.observer = new MutationObserver(scan);
      state.observer.observe(body(), { subtree: true, childList: true, characterData: true });
      state.longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
      });
      state.longTaskObserver.observe({ type: 'longtask' });
    },
    lastMutation() {
      const last = state.observations[state.observations.length - 1];
      return last ? last[2] : 0;
    },
    // Hands the records over and drops them here, so the heap read afterwards is the app's, not the probe's.
    stopObserving() {
      state.observer?.disconnect();
      state.longTaskObserver?.disconnect();
      const records = { observations: state.observations, longTasks: state.longTasks };
      state.observations = [];
      state.longTasks = [];
      state.last = new Map();
      return records;
    },
    // Every row's name and ready text, read by scrolling the virtualised table from top to bottom.
    async readAllRows() {
      const scroller = document.querySelector('[role=table] .scroller');
      const seen = {};
      scroller.scrollTop = 0;
      for (;;) {
        await frame();
        await frame();
        for (const row of rowsInDom()) seen[nameOf(row)] = readyOf(row);
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
        scroller.scrollTop += Math.max(60, scroller.clientHeight - 120);
      }
      scroller.scrollTop = 0;
      await frame();
      return seen;
    },
  };
})();
`;

export interface ColdTiming {
  shownMs: number;
  paintedMs: number;
}

export interface ObservedChurn {
  /** [name, ready count shown, Date.now() in the page] */
  observations: [string, number, number][];
  longTasks: number[];
}
