// A pod's phase in the user's language (catalogue `podPhase.*`, glossary: Running 运行中). A phase the API adds later
// is shown as the cluster wrote it.
const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

export function podPhaseText(t: (key: string) => string, phase: string): string {
  return PHASES.has(phase) ? t(`podPhase.${phase}`) : phase;
}
