import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../electron/backend/errors.js';
import { KubeconfigParseError, parseKubeconfig } from '../../../electron/backend/kubeconfig/parse.js';
import { KubeconfigStore } from '../../../electron/backend/kubeconfig/store.js';
import { plausibleKubeconfig } from './kubeconfig-arbitraries.js';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS, SECRET } from './support.js';

// Every way the loader may refuse a file, each saying what is wrong and where: a YAML line, a list's key, an entry's
// index and name, or the document as a whole. The file itself is named by the source's label or the upload's name.
const WHERE =
  /^(not valid YAML \(line \d+(: an alias cannot be resolved|: nested deeper than \d+ levels|: aliases expand to more than \d+ MB beyond the file)?\)|not a kubeconfig: larger than \d+ MB \([\d.]+ MB\)|not a kubeconfig \((the document is not a mapping|kind is not Config)\)|line \d+: ("(clusters|users|contexts)" must be a list|(clusters|users|contexts)\[\d+\] has no name|(clusters|users|contexts)\[\d+\] \("[^]*"\): "(cluster|user|context)" must be a mapping))$/;

const asText = fc
  .tuple(plausibleKubeconfig, fc.constantFrom('yaml', 'json'))
  .map(([doc, format]) => (format === 'json' ? JSON.stringify(doc) : stringify(doc)));

/** A plausible file, then damaged: cut short, or with random text spliced in. */
const damagedText = fc.tuple(asText, fc.nat(), fc.nat(), fc.string({ maxLength: 8 })).map(([text, a, b, junk]) => {
  const at = a % (text.length + 1);
  return b % 3 === 0 ? text.slice(0, at) : `${text.slice(0, at)}${junk}${text.slice(at)}`;
});

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.jsonValue().map((value) => stringify(value)),
  damagedText,
);

const logged: string[] = [];
beforeEach(() => {
  logged.length = 0;
  for (const level of ['warn', 'error', 'info', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  // yaml reports warnings through process.emitWarning, which Node prints to stderr.
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => void logged.push(String(warning)));
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged.filter((line) => line.includes(SECRET))).toEqual([]);
});

/** The parser's outcome: a result, or a KubeconfigParseError whose message says where; anything else escapes. */
function parseOutcome(text: string): { error?: string } {
  try {
    parseKubeconfig(text, '/home/u/.kube');
    return {};
  } catch (error) {
    if (!(error instanceof KubeconfigParseError)) throw error;
    return { error: error.message };
  }
}

/** A store that reads no file of this machine: only what a test uploads. */
const emptyStore = (): KubeconfigStore =>
  new KubeconfigStore({ kubeconfigEnv: '/nonexistent/kubeconfig', homeDir: '/nonexistent' });

/** The store holding `doc` as an upload, or undefined where the loader refused it (other properties check refusals). */
async function uploaded(doc: unknown): Promise<KubeconfigStore | undefined> {
  const store = emptyStore();
  try {
    await store.addUpload('team.kubeconfig', JSON.stringify(doc));
    return store;
  } catch {
    return undefined;
  }
}

describe('kubeconfig loader under hostile input', () => {
  it(
    'parses arbitrary text or refuses it with a KubeconfigParseError that says where',
    async () => {
      await checkProperty(
        'kubeconfig parse: arbitrary text',
        fc.property(anyText, (text) => {
          const { error } = parseOutcome(text);
          if (error !== undefined) expect(error).toMatch(WHERE);
          if (error !== undefined) expect(error).not.toContain(SECRET);
        }),
        RUNS.large,
        // Found by this suite: YAML errors had no line (prettyErrors off drops linePos), and yaml printed warnings
        // quoting the file to stderr.
        [
          ['%clusters: 0\n'],
          ['{'],
          [`users:\n- name: u\n  user: {token: ${SECRET}\n`],
          [`%${SECRET}\n---\n{}`],
          ['clusters: 1\nusers: *false\n'],
        ],
      );
      expect(logged).toEqual([]);
      expect(parseOutcome('clusters: []\nusers: [\n')).toEqual({ error: 'not valid YAML (line 3)' });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'an upload is accepted or refused with an AppError naming the file; no credential reaches a message',
    async () => {
      let accepted = 0;
      await checkProperty(
        'kubeconfig upload: plausible but wrong',
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: asText }, { weight: 1, arbitrary: damagedText }),
          async (text) => {
            const store = emptyStore();
            try {
              await store.addUpload('team.kubeconfig', text);
              accepted++;
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
              const message = (error as AppError).message;
              expect(message.startsWith('team.kubeconfig: ')).toBe(true);
              const reason = message.slice('team.kubeconfig: '.length);
              if (reason !== 'the file defines no context') expect(reason).toMatch(WHERE);
              expect(message).not.toContain(SECRET);
              expect(store.contexts()).toEqual([]);
            }
            // Summaries cross the bridge: names, safe server URLs and problems only.
            expect(JSON.stringify(store.contexts())).not.toContain(SECRET);
            expect(JSON.stringify(store.sources())).not.toContain(SECRET);
            for (const summary of store.contexts()) {
              if (summary.problem !== undefined) expect(summary.problem).toContain(`"${summary.name}"`);
            }
          },
        ),
        RUNS.medium,
      );
      // The generator must reach the merge, not only the parser's refusals.
      expect(accepted).toBeGreaterThan(RUNS.medium / 10);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a context whose user or namespace is not a name is listed with a problem, never connected without them',
    async () => {
      await checkProperty(
        'kubeconfig contexts: wrong-typed references',
        fc.asyncProperty(plausibleKubeconfig, async (doc) => {
          const store = await uploaded(doc);
          if (!store) return;
          for (const summary of store.contexts()) {
            const body = store.resolve(summary.name)?.context.body ?? {};
            const wrong = ['user', 'namespace'].find((key) => body[key] != null && typeof body[key] !== 'string');
            if (wrong === undefined) continue;
            expect(summary.problem).toContain(`"${summary.name}"`);
            expect(summary.problem).toContain(`"${wrong}"`);
          }
        }),
        RUNS.medium,
        // Found by this suite: `user: 5` was read as "no user", so the context connected without credentials.
        [
          [
            {
              clusters: [{ name: 'c', cluster: { server: 'https://x' } }],
              contexts: [{ name: 'x', context: { cluster: 'c', user: 5 } }],
            },
          ],
        ],
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  describe('files on disk', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-fuzz-kubeconfig-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it(
      'a file of any content loads; its source carries a located error or contexts without credentials',
      async () => {
        let n = 0;
        await checkProperty(
          'kubeconfig file: arbitrary bytes and plausible files',
          fc.asyncProperty(
            fc.oneof(
              fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
              anyText.map((t) => Buffer.from(t)),
            ),
            async (bytes) => {
              const file = path.join(dir, `config-${n++}`);
              fs.writeFileSync(file, bytes);
              const store = new KubeconfigStore({ kubeconfigEnv: file, homeDir: dir });
              try {
                await store.load();
                const [source] = store.sources();
                expect(source?.label).toBe(`~${path.sep}config-${n - 1}`);
                if (source?.error !== undefined) expect(source.error).toMatch(WHERE);
                expect(JSON.stringify(store.sources())).not.toContain(SECRET);
                expect(JSON.stringify(store.contexts())).not.toContain(SECRET);
              } finally {
                store.dispose();
              }
            },
          ),
          RUNS.small,
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  });
});
