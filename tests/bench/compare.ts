// `npm run bench:compare -- A.json B.json`: do two bench runs (their --json reports) agree on every median ratio
// within 20 %? Prints the table (for docs/bench.md) and exits 1 when a row disagrees.
import { readFileSync } from 'node:fs';
import { agreementTable, compareRuns } from './agreement.js';
import type { Report } from './report.js';

const files = process.argv.slice(2).filter((arg) => arg !== '--');
if (files.length !== 2) {
  console.error('usage: npm run bench:compare -- FIRST.json SECOND.json (two reports written by npm run bench --json)');
  process.exit(2);
}
const [first, second] = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Report) as [Report, Report];
const comparison = compareRuns(first.metrics, second.metrics);
const label = (r: Report): string => r.date.slice(11, 16) + ' UTC';
console.log(agreementTable(comparison, [label(first), label(second)]));
const disagree = comparison.compared.filter((r) => !r.agree).length;
console.log(`\n${comparison.compared.length - disagree} of ${comparison.compared.length} median ratios agree.`);
process.exit(disagree > 0 ? 1 : 0);
