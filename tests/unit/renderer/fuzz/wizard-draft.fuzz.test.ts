import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formFromManifest, manifestFromForm, validateForm } from '../../../../renderer/wizard/form';
import { checkedForm } from '../../../../renderer/wizard/wizard-draft';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS } from '../../fuzz/support';
import { wellTypedDaemonSet } from './wizard-arbitraries';

// A draft saved by another version of the app (or edited by hand): a real form's JSON with one part of another shape.
const FIELDS = ['containers', 'volumes', 'labels', 'tolerations', 'nodes', 'nodeSelector', 'imagePullSecrets', 'base'];
const ROW_FIELDS = [
  'name',
  'image',
  'ports',
  'env',
  'command',
  'mounts',
  'source',
  'raw',
  'key',
  'value',
  'readinessProbe',
];

const draft = fc
  .tuple(
    wellTypedDaemonSet,
    fc.constantFrom(...FIELDS),
    fc.constantFrom(...ROW_FIELDS),
    fc.jsonValue({ maxDepth: 2 }),
    fc.boolean(),
  )
  .map(([manifest, field, rowField, value, inRow]) => {
    const form = JSON.parse(JSON.stringify(formFromManifest(manifest, 'team-a'))) as Record<string, unknown>;
    const list = form[field];
    if (inRow && Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null) {
      (list[0] as Record<string, unknown>)[rowField] = value;
    } else if (inRow && Array.isArray(list)) {
      list.push(value);
    } else form[field] = value;
    return JSON.stringify(form);
  });

const loadDraft = (text: string) => checkedForm(JSON.parse(text));

describe('a wizard draft of another shape', () => {
  it(
    "a draft of this version's shape always comes back as saved",
    async () => {
      await checkProperty(
        'wizard draft: drafts of this version',
        fc.property(wellTypedDaemonSet, (manifest) => {
          const form = formFromManifest(manifest, 'team-a');
          const text = JSON.stringify(form);
          expect(loadDraft(text)).toEqual(JSON.parse(text));
        }),
        RUNS.small,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('a draft whose pull secrets are a map is dropped (it made every validation throw)', () => {
    const form = formFromManifest({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'a' } }, 'team-a');
    expect(loadDraft(JSON.stringify({ ...form, imagePullSecrets: {} }))).toBeNull();
  });

  it(
    'is either refused or opens a form that validates and writes without a throw',
    async () => {
      await checkProperty(
        'wizard draft: stored drafts of other shapes',
        fc.property(fc.oneof(draft, fc.json()), (text) => {
          const form = loadDraft(text);
          if (form === null) return;
          validateForm(form, {});
          manifestFromForm(form);
        }),
        RUNS.medium,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
