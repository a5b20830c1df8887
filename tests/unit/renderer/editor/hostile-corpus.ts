import { DAEMONSET } from './fixtures';

/** A generated corpus of malformed and hostile editor texts: each is what a user might paste, import or type. */
export interface HostileCase {
  name: string;
  text: string;
  /** whether the text must produce at least one diagnostic */
  flagged: boolean;
}

const lines = DAEMONSET.split('\n');

function aliasBomb(levels: number): string {
  const out = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++)
    out.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${out.join('\n')}\n`;
}

export function hostileCorpus(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, text: string, flagged = true) => cases.push({ name, text, flagged });

  // Bad indentation: every line of a valid DaemonSet shifted by one space, one at a time.
  lines.forEach((line, i) => {
    if (i > 0 && line.trim() && !line.startsWith('#')) {
      add(`indent +1 at line ${i + 1}`, lines.map((l, j) => (j === i ? ` ${l}` : l)).join('\n'), false);
    }
  });
  // Tabs as indentation.
  lines.forEach((line, i) => {
    if (/^ {2,}\S/.test(line))
      add(`tab at line ${i + 1}`, lines.map((l, j) => (j === i ? l.replace(/^ {2}/, '\t') : l)).join('\n'));
  });
  // Duplicate keys at several depths.
  for (const key of ['metadata', '  name', '  selector', '    spec', '      hostNetwork']) {
    const at = lines.findIndex((l) => l.startsWith(`${key}:`));
    if (at >= 0) add(`duplicate ${key.trim()}`, [...lines.slice(0, at + 1), ...lines.slice(at)].join('\n'));
  }
  // Anchors, aliases and alias bombs.
  for (let levels = 2; levels <= 9; levels++) add(`alias bomb ${levels} levels`, aliasBomb(levels), levels >= 3);
  add('undefined alias', 'apiVersion: v1\nkind: ConfigMap\nmetadata: *nothing\n');
  add('self-referencing anchor', 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: a\n  self: *m\n');
  // Huge scalars and long lines.
  for (const size of [1_000, 100_000, 1_000_000]) {
    add(
      `huge name ${size}`,
      DAEMONSET.replace('name: node-agent\n  namespace', `name: ${'a'.repeat(size)}\n  namespace`),
    );
  }
  add('huge label value', DAEMONSET.replace('app: node-agent\nspec', `app: ${'v'.repeat(70)}\nspec`));
  // Wrong types for every scalar field of the fixture.
  const wrong = ['[]', '{}', '42', 'true', 'null', '"text"', '-1.5', '0644', 'yes', '~'];
  lines.forEach((line, i) => {
    const match = /^(\s*(?:- )?[A-Za-z]+): \S/.exec(line);
    if (!match) return;
    for (const value of wrong.slice(0, 7))
      add(`line ${i + 1} = ${value}`, lines.map((l, j) => (j === i ? `${match[1]}: ${value}` : l)).join('\n'), false);
  });
  // Binary bytes and control characters.
  for (const code of [0, 1, 7, 8, 0x1b, 0x7f, 0xfffe, 0xd800]) {
    add(`control U+${code.toString(16)}`, DAEMONSET.replace('busybox', `busy${String.fromCharCode(code)}box`), false);
  }
  add('random binary', Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''));
  // Deep nesting, block and flow.
  for (const depth of [100, 1_000, 5_000]) {
    add(`flow nesting ${depth}`, `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    add(`unclosed flow ${depth}`, `apiVersion: v1\nkind: ConfigMap\ndata: ${'{a: '.repeat(depth)}\n`);
  }
  add(
    'block nesting 500',
    `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`,
  );
  // Mixed and broken documents.
  add(
    'mixed kinds',
    `${DAEMONSET}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b\n---\n- just\n- a list\n---\nplain scalar\n`,
  );
  add('empty documents', '---\n---\n---\n', false);
  add('document end markers', `${DAEMONSET}...\n---\n...\n`, false);
  add(
    'directives',
    '%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    false,
  );
  add('unknown tag', 'apiVersion: v1\nkind: ConfigMap\nmetadata: !!weird\n  name: a\n', false);
  add('unterminated quote', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "abc\n');
  add('unterminated single quote', "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'abc\n");
  add('broken JSON', '{"apiVersion": "v1", "kind": "ConfigMap",, "metadata": {"name": "a"}');
  add('trailing comma JSON', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},}', false);
  add('only a comment', '# nothing here\n', false);
  add('empty text', '', false);
  add('crlf line ends', DAEMONSET.replaceAll('\n', '\r\n'), false);
  add('bom', `\uFEFF${DAEMONSET}`, false);
  add('no kind', 'apiVersion: v1\nmetadata:\n  name: a\n');
  add('kind not a string', 'apiVersion: v1\nkind: [a]\nmetadata:\n  name: a\n');
  add('root is a list', '- apiVersion: v1\n  kind: ConfigMap\n');
  add('complex key', '? [a, b]\n: c\napiVersion: v1\nkind: ConfigMap\n');
  add('merge key', 'base: &b {name: a}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: *b\n');
  return cases;
}
