// The wizard's pure domain: form <-> manifest, validation, node coverage, server error placement.
export * from './types';
export * from './defaults';
export { formFromManifest, pickedNodes } from './read';
export { manifestFromForm } from './write';
export { parseQuantity } from '../../../common/quantity';
export { parseIntOrPercent, resolvePodCount } from './rolling-update';
export * from './rules';
export * from '../../../common/names';
export * from './issues';
export { validateForm, type ValidationContext } from './validate';
export type { ProjectReferences } from './validate-refs';
export { resolvedCount } from './validate-basic';
export * from '../../../common/coverage';
export { cpuText, memoryText, type FitProblem } from '../../../common/fit';
export { formPathOf, serverIssues } from './server-errors';
export { selectorLabels, updatedManifest, updateIssues } from './update';
export { keptFields } from './kept';
export { unshownFields, type Unshown } from './unshown';
