import { describe, expect, it } from 'vitest';
import { KubeconfigParseError, parseKubeconfig } from '../../../electron/backend/kubeconfig/parse.js';
import { OFF_THREAD_CHARS, parseKubeconfigOffThread } from '../../../electron/backend/kubeconfig/parse-off-thread.js';
import { largeKubeconfig } from './kubeconfig-samples.js';

// Finding 6: a kubeconfig must not be able to take the host down. Each hostile text is refused with a message that
// says where; the bench (not this test) times the refusal.

const refusal = (text: string): string => {
  try {
    parseKubeconfig(text);
  } catch (error) {
    if (error instanceof KubeconfigParseError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('kubeconfig parsing limits', () => {
  it('refuses 4 MB of nesting, in flow or block style, at the line where it goes too deep', () => {
    expect(refusal('['.repeat(4_000_000))).toBe('not valid YAML (line 1: nested deeper than 64 levels)');
    expect(refusal(`${'- '.repeat(2_000_000)}x\n`)).toBe('not valid YAML (line 1: nested deeper than 64 levels)');
    expect(refusal(`users:\n${'  '.repeat(1).padEnd(0)}${'{a: '.repeat(1_000_000)}`)).toBe(
      'not valid YAML (line 2: nested deeper than 64 levels)',
    );
    // What looks like an open quote in a plain scalar hides nothing from the lexer.
    expect(refusal(`k: a\n  'x\n${'['.repeat(1_000_000)}`)).toBe(
      'not valid YAML (line 3: nested deeper than 64 levels)',
    );
  });

  it('refuses aliases that expand a large value many times, and an alias to itself', () => {
    const big = 'x'.repeat(1_200_000);
    expect(refusal(`a: &a "${big}"\nb: [${Array(99).fill('*a').join(',')}]\n`)).toBe(
      'not valid YAML (line 2: aliases expand to more than 1 MB beyond the file)',
    );
    expect(refusal('a: &a [1, *a]\n')).toMatch(
      /^not valid YAML \(line 1: (aliases expand|an alias cannot be resolved)/,
    );
  });

  it('refuses a text over 8 MB', () => {
    expect(refusal(`# ${'x'.repeat(9 * 1024 * 1024)}\n`)).toBe('not a kubeconfig: larger than 8 MB (9.0 MB)');
  });

  it('still reads what real kubeconfigs hold: brackets in strings, small aliases, deep-ish extensions', () => {
    const text = [
      'clusters:',
      '- name: c',
      '  cluster:',
      `    server: "https://[::1]:6443"`,
      `    extensions: [{name: x, extension: ${'['.repeat(20)}1${']'.repeat(20)}}]`,
      `    certificate-authority-data: "${'[{'.repeat(500)}"`,
      'users: [{name: u, user: &u {token: t}}, {name: v, user: *u}]',
      'contexts: [{name: x, context: {cluster: c, user: v}}]',
    ].join('\n');
    expect(parseKubeconfig(text).users).toEqual([
      { name: 'u', body: { token: 't' }, line: 7 },
      { name: 'v', body: { token: 't' }, line: 7 },
    ]);
  });
});

describe('parsing off the main thread', () => {
  it('gives a large text the same result from a worker, and refuses a hostile one without starting one', async () => {
    const text = largeKubeconfig(0.6);
    expect(text.length).toBeGreaterThan(OFF_THREAD_CHARS);
    // The caller's event loop keeps turning meanwhile: on the calling thread, the parse would finish before any tick.
    let ticks = 0;
    let parsing = true;
    const tick = (): void => {
      ticks += 1;
      if (parsing) setImmediate(tick);
    };
    setImmediate(tick);
    const parsed = await parseKubeconfigOffThread(text, '/home/u/.kube');
    parsing = false;
    expect(ticks).toBeGreaterThan(0);
    expect(parsed).toEqual(parseKubeconfig(text, '/home/u/.kube'));
    await expect(parseKubeconfigOffThread('['.repeat(4_000_000))).rejects.toThrow(
      new KubeconfigParseError('not valid YAML (line 1: nested deeper than 64 levels)'),
    );
    // A real worker thread parsing 0.6 MB: CPU that a loaded machine stretches; the timeout only guards against a
    // hang, nothing here is timed.
  }, 60_000);
});
