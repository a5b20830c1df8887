import fc from 'fast-check';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { objectsOf } from '../../../../renderer/editor/convert';
import { useEditorStore } from '../../../../renderer/editor/editor';
import { fakeBridge } from '../fake-bridge';
import { memoryStorage } from '../memory-storage';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS } from '../../fuzz/support';

// Text that YAML 1.2 writes plainly and YAML 1.1 (the editor's and kubectl's reading) takes for something else.
const value = fc.oneof(
  fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'N', '12:30', '0b101', '0644', '~', 'true', '1e3', '.5'),
  fc.string({ maxLength: 10 }),
);

describe("the wizard's manifest opened in the editor", () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    const stored = new Map<string, string>();
    globalThis.localStorage = memoryStorage(stored);
    setApi(createApi(fakeBridge().bridge));
  });

  it(
    'becomes a YAML file that reads back as the same object',
    async () => {
      const editor = useEditorStore();
      await checkProperty(
        'editor store: form manifest to a new YAML file',
        fc.property(fc.dictionary(fc.constantFrom('app', 'tier', 'y', 'on', 'x/y'), value), value, (labels, image) => {
          const manifest = {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            metadata: { name: 'agent', labels },
            spec: { template: { spec: { containers: [{ name: 'c', image }] } } },
          };
          editor.fromForm(manifest);
          const file = editor.active;
          expect(file?.format).toBe('yaml');
          expect(objectsOf(file?.text ?? '', 'yaml')).toEqual([manifest]);
        }),
        RUNS.small,
        // Found by this suite: the file was written as YAML 1.2, so a label "yes" came back as true.
        [[{ app: 'yes' }, 'on']],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
