import fc from 'fast-check';
import { compare } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { Document, parse, visit } from 'yaml';
import { mergeIntoYaml } from '../../../../renderer/editor/merge-document';
import { formFromManifest, manifestFromForm, updatedManifest, type DaemonSet } from '../../../../renderer/wizard/form';
import { checkProperty, PROPERTY_TIMEOUT_MS } from '../../fuzz/support';
import { schemaArbitrary } from './schema-arbitraries';

// Issue 12, point 3: the form never drops a value. Any DaemonSet manifest read into the wizard's form and written back
// without an edit is the same object (nothing added, nothing dropped, no default filled in; key order free), in each
// way the app writes a form: at creation, as an update of a live object, and back into the YAML text it came from
// (where every comment stays). A manifest with values of the wrong type and fields of no schema loses nothing either.

// Cases per property: enough to have found every loss fixed with them, inside the unit budget of a few seconds.
const RUNS = 150;
const YAML_RUNS = 40;
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every way the app writes a form read from `manifest`, unedited. */
function writtenBack(manifest: Record<string, unknown>): Record<string, unknown[]> {
  const form = () => formFromManifest(manifest as unknown as DaemonSet, 'team-a');
  return {
    create: [json(manifestFromForm(form()))],
    update: [json(manifestFromForm(form(), { creating: false })), json(updatedManifest(form(), manifest))],
  };
}

/** The manifest as YAML text with a comment on every third key, the way an edited file carries them. */
function commentedYaml(manifest: Record<string, unknown>): string {
  const doc = new Document(manifest, { version: '1.1' });
  let n = 0;
  visit(doc, {
    Pair(_, pair) {
      n += 1;
      const keyNode = pair.key as { commentBefore?: string } | null;
      if (n % 3 === 0 && keyNode && typeof keyNode === 'object') keyNode.commentBefore = ` note ${n}`;
    },
  });
  return doc.toString();
}

function expectSame(manifest: Record<string, unknown>): void {
  for (const [way, outs] of Object.entries(writtenBack(manifest)))
    for (const out of outs) {
      // As JSON patch operations, a failure names each field added, dropped or changed.
      expect(compare(manifest, out as object), `written back (${way})`).toEqual([]);
      expect(out).toEqual(manifest);
    }
}

describe('the form never drops a value', () => {
  it(
    'any DaemonSet manifest of the schema’s shape -> form -> manifest is the same object',
    async () => {
      await checkProperty(
        'form keeps values: schema-shaped manifests',
        fc.property(schemaArbitrary('DaemonSet', 0), (generated) =>
          expectSame(json(generated) as Record<string, unknown>),
        ),
        RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'through the YAML text it came from, every comment stays and nothing else changes',
    async () => {
      await checkProperty(
        'form keeps values: YAML text',
        fc.property(schemaArbitrary('DaemonSet', 0), (generated) => {
          const manifest = json(generated) as Record<string, unknown>;
          const text = commentedYaml(manifest);
          const parsed = parse(text, { version: '1.1' }) as Record<string, unknown>;
          const back = manifestFromForm(formFromManifest(parsed as unknown as DaemonSet, 'team-a'));
          const merged = mergeIntoYaml(text, 0, back) ?? '';
          // The same text as merging the unchanged object (the YAML library reprints a few comment places its way).
          expect(merged).toBe(mergeIntoYaml(text, 0, parsed));
          for (const comment of text.match(/# note \d+/g) ?? []) expect(merged).toContain(comment);
        }),
        YAML_RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a manifest with values of the wrong type and fields of no schema loses nothing',
    async () => {
      await checkProperty(
        'form keeps values: wrong-typed manifests',
        fc.property(schemaArbitrary('DaemonSet', 0.12), (generated) =>
          expectSame(json(generated) as Record<string, unknown>),
        ),
        RUNS,
        // Found by hand first (issue 12): a port number written as a word, and an empty port.
        [
          [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 'eighty' }, {}] }] } } },
            },
          ],
        ],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
