// Scenario 5: the DaemonSet detail page at scale. The renderer has no detail page yet, so there is nothing to open:
// the rows are reported as not measured (fail), never left out. Once the page exists, measure here the bytes the
// renderer receives and the time to render when one DaemonSet's page opens among 10,000 pods of other DaemonSets.
import { existsSync, readdirSync } from 'node:fs';
import type { Metric } from '../report.js';
import { metric } from '../report.js';

function detailPageExists(): boolean {
  const pages = existsSync('renderer/pages') ? readdirSync('renderer/pages') : [];
  return pages.some((file) => /detail/i.test(file));
}

export function detail(): Metric[] {
  const note = detailPageExists()
    ? 'not measured: the detail page (#/ds/<context>/<ns>/<name>) landed during this work; the bench does not drive it yet'
    : 'not measured: the renderer has no DaemonSet detail page yet';
  return [
    metric('detail.pods.bytes', { unit: 'B', ours: undefined, required: true, note: `${note} (goal: only its pods)` }),
    metric('detail.open.ms', { unit: 'ms', ours: undefined, required: true, note }),
  ];
}
