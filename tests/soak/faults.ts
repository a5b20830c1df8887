// The fault schedule: which fault fires next and how big it is, from the seeded PRNG.
import { FAULT_KINDS, type FaultKind, type FaultOrder } from './protocol.js';
import type { Prng } from './prng.js';

/** The longest burst of failing requests; the liveness window allows for one burst right after a silent stream. */
export const MAX_BURST = 5;

export function nextFault(prng: Prng): FaultOrder {
  const kind = prng.pick(FAULT_KINDS);
  return { kind, amount: amountFor(kind, prng) };
}

function amountFor(kind: FaultKind, prng: Prng): number {
  switch (kind) {
    case 'stall':
      // Up to 2.5 liveness windows: watches that time out while stalled are replaced by watches that stall too.
      return prng.int(500, 10_000);
    case 'kubelets':
      return prng.int(1000, 6000);
    case 'error500':
    case 'error429':
      return prng.int(2, MAX_BURST);
    default:
      return 0;
  }
}

/** Pause between two faults. */
export const faultGapMs = (prng: Prng): number => prng.int(1500, 5000);
