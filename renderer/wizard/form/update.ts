// Update mode: the wizard's form over a live DaemonSet. The form is written onto the live object, so every field the
// form does not know (server defaults, annotations, security contexts…) goes back exactly as it was read; name,
// namespace and the selector are the live object's own, whatever the form holds.
import { add, error, type Issues } from './issues';
import { putObject, toMap } from './objects';
import type { DaemonSet, WizardForm } from './types';
import { manifestFromForm } from './write';
import { isRecord, record } from '../../../common/guards';

/** The object an update sends: the form written onto `live` (the object as read when the edit began). */
export function updatedManifest(form: WizardForm, live: object): Record<string, unknown> {
  // The form's base must be the live object for the write to keep what the form does not show.
  const written: Record<string, unknown> = {
    ...manifestFromForm({ ...form, base: live as DaemonSet }, { creating: false }),
  };
  const liveMeta = record(record(live).metadata);
  const metadata = isRecord(written.metadata) ? { ...written.metadata } : {};
  for (const key of ['name', 'namespace']) {
    if (liveMeta[key] === undefined) Reflect.deleteProperty(metadata, key);
    else metadata[key] = liveMeta[key];
  }
  // The object's own labels follow the pod labels only when they were the same; a live object without labels keeps none
  // (at creation the wizard gives it the pod labels, but an update must not add what the user did not change).
  if (liveMeta.labels === undefined) delete metadata.labels;
  const spec = isRecord(written.spec) ? { ...written.spec } : {};
  const liveSpec = record(record(live).spec);
  // Immutable after creation: the API server refuses any change, so the form never sends one.
  if (liveSpec.selector === undefined) delete spec.selector;
  else spec.selector = liveSpec.selector;
  const out = { ...written };
  putObject(out, 'metadata', metadata);
  putObject(out, 'spec', spec);
  return out;
}

/** The live selector's matchLabels, which the pod labels must keep (the selector cannot follow them). */
export function selectorLabels(live: object): Record<string, string> {
  const spec = record(record(live).spec);
  const selector = record(spec.selector);
  const labels = record(selector.matchLabels);
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Issues only an update has: pod labels that no longer carry the selector's labels would leave the DaemonSet
 * selecting none of its own pods, which the API server refuses (422).
 */
export function updateIssues(form: WizardForm, live: object): Issues {
  const issues: Issues = {};
  const labels = toMap(form.labels);
  const missing = Object.entries(selectorLabels(live)).filter(([key, value]) => labels[key] !== value);
  if (missing.length > 0) {
    add(issues, 'labels', error('selectorLabels', { labels: missing.map(([k, v]) => `${k}=${v}`).join(', ') }));
  }
  return issues;
}
