import { stringify } from 'yaml';

// YAML 1.1, as the editor reads it (and kubectl): strings that 1.1 would read as a timestamp or a boolean (the
// creationTimestamp, a label "yes") are quoted, so the live object's text has no false type errors.
export const toYaml = (manifest: Record<string, unknown>): string =>
  stringify(manifest, { lineWidth: 0, version: '1.1' });
