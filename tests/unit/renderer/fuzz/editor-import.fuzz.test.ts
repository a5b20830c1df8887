import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import {
  jsonToYaml,
  objectsOf,
  withManagedFields,
  withoutManagedFields,
  yamlToJson,
} from '../../../../renderer/editor/convert';
import type { Diagnostic } from '../../../../renderer/editor/diagnostic';
import { readPickedFile } from '../../../../renderer/editor/files';
import { mergeIntoYaml } from '../../../../renderer/editor/merge-document';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { parseYamlText } from '../../../../renderer/editor/yaml-model';
import { DAEMONSET } from '../editor/fixtures';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS } from '../../fuzz/support';

const schemas = await loadBundledSchemas();

// Pieces of YAML that, shuffled, reach the parser's odd corners: anchors, merges, tags, directives, flow collections,
// block scalars, YAML 1.1 scalars, tabs, non-breaking spaces and several documents.
const token = fc.constantFrom(
  'apiVersion: apps/v1\n',
  'kind: DaemonSet\n',
  'metadata:\n',
  '  name: a\n',
  'spec:\n',
  '  template:\n',
  '    spec:\n',
  '      containers:\n',
  '      - name: c\n',
  '        image: x\n',
  '---\n',
  '...\n',
  '  ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ': ',
  ', ',
  '&a ',
  '*a ',
  '<<: *a\n',
  '!!binary ',
  '!x ',
  '? ',
  '"',
  "'",
  '#c\n',
  '\n',
  '\t',
  '\u00a0',
  '0644',
  'yes',
  '~',
  '|\n',
  '>-\n',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '\r\n',
  '\ufeff',
  'replicas: 3\n',
  'null',
  '1e999',
  '-.inf',
);
const soup = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(''));

/** A valid DaemonSet with random values grafted at paths the rules and the schema look at. */
const graft = fc
  .tuple(
    fc.constantFrom(
      ['spec'],
      ['spec', 'template'],
      ['spec', 'template', 'spec'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'template', 'spec', 'containers', '0'],
      ['spec', 'template', 'spec', 'volumes'],
      ['metadata'],
      ['spec', 'selector'],
      ['spec', 'updateStrategy'],
      ['spec', 'template', 'metadata', 'labels'],
    ),
    fc.constantFrom(
      'name',
      'containers',
      'ports',
      'env',
      'resources',
      'matchLabels',
      'rollingUpdate',
      'volumeMounts',
      'hostPath',
      'labels',
      'image',
      'maxUnavailable',
      'securityContext',
      'tolerations',
      'x-unknown',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([path, key, value]) => {
    const doc = parseAllDocuments(DAEMONSET)[0]?.toJS() as Record<string, unknown>;
    let node: unknown = doc;
    for (const step of path) node = (node as Record<string, unknown> | undefined)?.[step];
    if (typeof node === 'object' && node !== null) (node as Record<string, unknown>)[key] = value;
    return doc;
  });

const damaged = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(text, fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 6 })).map(([t, at, cut, junk]) => {
    const i = at % (t.length + 1);
    return `${t.slice(0, i)}${junk}${t.slice(i + cut)}`;
  });

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  soup,
  damaged(fc.constant(DAEMONSET)),
  graft.map((doc) => stringify(doc)),
  graft.map((doc) => JSON.stringify(doc, null, 2)),
  damaged(graft.map((doc) => JSON.stringify(doc))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

/** A diagnostic's position must point into the text, and its line and column must agree with its offset. */
function expectInside(text: string, d: Diagnostic): void {
  expect(d.from).toBeGreaterThanOrEqual(0);
  expect(d.from).toBeLessThanOrEqual(text.length);
  expect(d.to).toBeGreaterThanOrEqual(d.from);
  // The end may sit one past the text (an error "at the end"); the editor clamps it.
  expect(d.to).toBeLessThanOrEqual(text.length + 1);
  const before = text.slice(0, d.from);
  expect(d.line).toBe(before.split('\n').length);
  expect(d.column).toBe(d.from - before.lastIndexOf('\n'));
  expect(d.message.trim()).not.toBe('');
}

describe('YAML/JSON import under hostile text', () => {
  it(
    'parsing and analysis give documents or located diagnostics, never a throw or a failed check',
    async () => {
      await checkProperty(
        'editor analyze: arbitrary text (yaml and json)',
        fc.property(anyText, fc.constantFrom('yaml' as const, 'json' as const), (text, format) => {
          const parsed = parseYamlText(text);
          for (const d of parsed.diagnostics) expectInside(text, d);
          for (const doc of parsed.documents) {
            expect(doc.from).toBeGreaterThanOrEqual(0);
            expect(doc.to).toBeLessThanOrEqual(text.length);
          }
          const analysis = analyze(text, schemas, format);
          for (const d of analysis.diagnostics) {
            expectInside(text, d);
            // The analyzer's safety net turns a throwing rule into this warning: a bug in the rule.
            expect(d.message).not.toMatch(/^Check failed/);
          }
        }),
        RUNS.medium,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'conversions and managedFields handling answer every text without throwing; JSON to YAML keeps the value',
    async () => {
      await checkProperty(
        'editor convert: arbitrary text',
        fc.property(anyText, (text) => {
          const toJson = yamlToJson(text);
          if (!toJson.ok) expect(toJson.message).not.toBe('');
          const toYaml = jsonToYaml(text);
          if (toYaml.ok) {
            const value: unknown = JSON.parse(text);
            const back = objectsOf(toYaml.text, 'yaml');
            const isList = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'List';
            if (!isList && value !== null) expect(back).toEqual([value]);
          } else expect(toYaml.message).not.toBe('');
          objectsOf(text, 'yaml');
          objectsOf(text, 'json');
          const stripped = withoutManagedFields(text);
          expect(withManagedFields(stripped.text, stripped.removed)).not.toBeUndefined();
        }),
        RUNS.medium,
        // Found by this suite: JSON to YAML wrote YAML 1.2, so the editor (YAML 1.1, as kubectl) read "n" as false.
        [['[{"n":0}]'], ['{"env":[{"name":"y","value":"yes"}],"at":"12:30","mode":"0b101"}']],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "the form's object written back into any text keeps its value, or the text is left alone",
    async () => {
      await checkProperty(
        'editor merge: form object into arbitrary text',
        fc.property(anyText, graft, fc.nat({ max: 2 }), (text, value, index) => {
          const merged = mergeIntoYaml(text, index, value);
          if (merged === null) return;
          const objects = parseAllDocuments(merged, { version: '1.1' }).map((d) => d.toJS() as unknown);
          // Compared as the JSON sent to the API server: -0 and 0 are one number there.
          expect(asJson(objects[index])).toEqual(asJson(value));
        }),
        RUNS.medium,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keys that YAML 1.1 reads as booleans, numbers or null are matched as the JSON keys the form sees',
    async () => {
      const key = fc.constantFrom('y', 'n', 'on', 'off', 'yes', '1', '0644', '~', 'null', 'true', '"1"', 'app', '1.5');
      const map = fc.uniqueArray(fc.tuple(key, fc.constantFrom('a', 'b', '2')), { selector: ([k]) => k, maxLength: 5 });
      await checkProperty(
        'editor merge: YAML 1.1 keys',
        fc.property(map, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (pairs, keep) => {
          const text = `labels:\n${pairs.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`;
          const doc = parseAllDocuments(text, { version: '1.1', uniqueKeys: true })[0];
          if (!doc || doc.errors.length > 0) return;
          const labels = (doc.toJS() as { labels: Record<string, unknown> | null }).labels ?? {};
          // The form drops some labels and renames the values of the others.
          const edited = Object.fromEntries(
            Object.keys(labels)
              .filter((_k, i) => keep[i])
              .map((k) => [k, 'edited']),
          );
          const merged = mergeIntoYaml(text, 0, { labels: edited });
          expect(merged).not.toBeNull();
          const back = parseAllDocuments(merged ?? '', { version: '1.1', uniqueKeys: true })[0];
          expect(back?.errors).toEqual([]);
          expect(asJson(back?.toJS())).toEqual({ labels: edited });
        }),
        RUNS.medium,
        // Found by this suite: a key such as `1:` or `y:` was never matched, so the form could not remove or change it;
        // and of `"1":` and `1:` (one key in JSON) the second kept overriding the form's value.
        [
          [[['1', 'a']], [false, true, true, true, true]],
          [[['y', 'a']], [true, true, true, true, true]],
          [
            [
              ['"1"', 'a'],
              ['1', 'a'],
            ],
            [true, false, false, false, false],
          ],
        ],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a picked file of any bytes is read as text or refused as binary',
    async () => {
      await checkProperty(
        'editor file pick: arbitrary bytes',
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 300 }),
          fc.constantFrom('a.yaml', 'b.json', 'c.txt', ''),
          async (bytes, name) => {
            const outcome = await readPickedFile(Object.assign(new Blob([bytes]), { name }));
            if (outcome.ok) expect(Buffer.from(outcome.file.text, 'utf8').equals(Buffer.from(bytes))).toBe(true);
            else expect(outcome.reason).toBe('binary');
          },
        ),
        RUNS.medium,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
