// The bench's command-line values that need checking (run.ts reads the rest as they come); unit-tested in
// tests/unit/bench/only.test.ts.
import { SCENARIOS, type Scenario } from './metric-ids.js';

/** `--only a,b`: the scenarios to run, or undefined for all of them. */
export function parseOnly(list: string | undefined): Set<Scenario> | undefined {
  if (list === undefined) return undefined;
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  return new Set(names as Scenario[]);
}

/** `--soak-minutes N`: how long the leak check churns (a shorter soak whose slope is clear, or a longer one). */
export function parseSoakMinutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !(n > 0 && n <= 120))
    throw new Error(`--soak-minutes: expected more than 0 and at most 120 minutes, got "${text}"`);
  return n;
}
