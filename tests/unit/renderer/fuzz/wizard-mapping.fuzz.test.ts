import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formFromManifest,
  hasErrors,
  manifestFromForm,
  validateForm,
  type DaemonSet,
  type WizardForm,
} from '../../../../renderer/wizard/form';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS } from '../../fuzz/support';
import { hostileDaemonSet, KEPT, wellTypedDaemonSet } from './wizard-arbitraries';

const CONTEXT = { existingNames: ['taken'], desiredPods: 3, podQuotaRoom: 2 };

// What a user may type: plausible entries and anything at all.
const typed = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '1',
    '-1',
    '25%',
    '100m',
    '64Mi',
    '1.5',
    ' 2 ',
    'abc',
    'app',
    'kube-system',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 12 }),
);

type Edit = (form: WizardForm, value: string) => void;
const EDITS: Edit[] = [
  (f, v) => (f.name = v),
  (f, v) => (f.alias = v),
  (f, v) => (f.description = v),
  (f, v) => (f.maxUnavailable = v),
  (f, v) => (f.maxSurge = v),
  (f, v) => (f.minReadySeconds = v),
  (f, v) => (f.serviceAccountName = v),
  (f, v) => f.imagePullSecrets.push(v),
  (f, v) => f.labels.push({ key: v, value: v }),
  (f, v) => (f.labels[0] = { key: 'app', value: v }),
  (f, v) => ((f.placement = 'selector'), f.nodeSelector.push({ key: v, value: 'x' })),
  (f, v) => ((f.placement = 'nodes'), f.nodes.push(v)),
  (f, v) => (f.strategy = v === '' ? 'OnDelete' : 'RollingUpdate'),
  (f, v) => f.containers[0] && (f.containers[0].image = v),
  (f, v) => f.containers[0] && (f.containers[0].cpuRequest = v),
  (f, v) => f.containers[0] && (f.containers[0].memoryLimit = v),
  (f, v) => f.containers[0]?.args.push(v),
  (f, v) => f.containers[0]?.ports.forEach((p) => (p.containerPort = v)),
  (f, v) => f.containers[0]?.env.forEach((e) => (e.value = v)),
  (f, v) => f.tolerations.forEach((t) => (t.tolerationSeconds = v)),
  (f, v) => f.volumes.forEach((vol) => vol.mounts.forEach((m) => (m.mountPath = v))),
];
const edits = fc.array(fc.tuple(fc.nat({ max: EDITS.length - 1 }), typed), { maxLength: 4 });

function edited(manifest: DaemonSet, changes: [number, string][]): WizardForm {
  const form = formFromManifest(manifest, 'team-a');
  for (const [which, value] of changes) EDITS[which]?.(form, value);
  return form;
}

/**
 * The manifest as the API server stores it, for the defaults the form shows filled in: an absent maxUnavailable of a
 * RollingUpdate is 1 (the form reads it back as "1", which is the same object on the server).
 */
function withServerDefaults(manifest: DaemonSet): DaemonSet {
  const copy = structuredClone(manifest);
  const strategy = copy.spec?.updateStrategy;
  if (strategy?.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= 1;
  }
  return copy;
}

/** Every `x-*` field of the manifest, by path: the fields the form does not know. */
function unknownFields(value: unknown, path = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  const found: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const here = `${path}/${key}`;
    if (key.startsWith('x-') || key.startsWith('x/')) found[here] = inner;
    else Object.assign(found, unknownFields(inner, here));
  }
  return found;
}

describe("the wizard's manifest mapping under hostile input", () => {
  it(
    'reads any DaemonSet-like object into a form, writes and validates it, without a throw',
    async () => {
      await checkProperty(
        'wizard mapping: hostile manifests',
        fc.property(fc.oneof(hostileDaemonSet, fc.object({ maxDepth: 3 })), (manifest) => {
          const form = formFromManifest(manifest as DaemonSet, 'team-a');
          validateForm(form, CONTEXT);
          manifestFromForm(form);
          manifestFromForm(form, { creating: false });
        }),
        RUNS.medium,
        // Found by this suite: lists and names of the wrong type threw (the editor's "Edit as form" on such a file).
        [
          [{ spec: { template: { spec: { imagePullSecrets: {}, containers: 'x' } } } }],
          [
            {
              spec: {
                template: { spec: { containers: [{ name: 5, env: [{ name: 7 }], command: 3 }], volumes: [null] } },
              },
            },
          ],
          [{ metadata: { namespace: 4, labels: { app: 1 } }, spec: { template: { spec: { containers: [null] } } } }],
        ],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'any typed form writes and validates; a valid one reads back to the same manifest',
    async () => {
      let valid = 0;
      await checkProperty(
        'wizard mapping: arbitrary forms round trip',
        fc.property(wellTypedDaemonSet, edits, (manifest, changes) => {
          const form = edited(manifest, changes);
          const issues = validateForm(form, CONTEXT);
          const written = manifestFromForm(form);
          if (hasErrors(issues)) return;
          valid++;
          const again = manifestFromForm(formFromManifest(written, 'team-a'));
          expect(withServerDefaults(again)).toEqual(withServerDefaults(written));
          // And from there on it is a fixed point.
          expect(manifestFromForm(formFromManifest(again, 'team-a'))).toEqual(again);
        }),
        RUNS.medium,
      );
      // The round trip must be tried on many valid forms, not only refused ones.
      expect(valid).toBeGreaterThan(RUNS.medium / 5);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'fields the form does not know survive reading and writing',
    async () => {
      await checkProperty(
        'wizard mapping: unknown fields survive',
        fc.property(wellTypedDaemonSet, (manifest) => {
          const before = unknownFields(manifest);
          expect(Object.values(before)).toContainEqual(KEPT);
          const after = unknownFields(manifestFromForm(formFromManifest(manifest, 'team-a'), { creating: false }));
          expect(after).toEqual(before);
        }),
        RUNS.medium,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
