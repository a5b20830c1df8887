// Reading a shell line the way a POSIX sh reads the simple ones: words split on blanks, single and double quotes,
// backslash escapes, $VAR / ${VAR} / $? expansion (not inside single quotes) and the list operators ; && ||.
// Pipes, redirections, subshells and backgrounding are not part of the simulated shell: they are reported as such.

export type Operator = ';' | '&&' | '||';
export interface Command {
  words: string[];
  /** How this command joins the previous one (the first has ';'). */
  after: Operator;
}
export type Parsed = { ok: true; commands: Command[] } | { ok: false; unsupported: string } | { ok: false; open: true };

const UNSUPPORTED = new Set(['|', '>', '<', '(', ')', '&', '`']);

export function parseLine(line: string, vars: (name: string) => string): Parsed {
  const commands: Command[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let after: Operator = ';';
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (next: Operator): void => {
    endWord();
    if (words.length > 0) commands.push({ words, after });
    words = [];
    after = next;
  };
  const dollar = (i: number): [string, number] => {
    const rest = line.slice(i + 1);
    const m = /^(\?|[A-Za-z_][A-Za-z0-9_]*|\{([A-Za-z_][A-Za-z0-9_]*|\?)\})/.exec(rest);
    if (!m) return ['$', i + 1];
    return [vars(m[2] ?? m[1] ?? ''), i + 1 + m[0].length];
  };
  let i = 0;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (ch === '#' && !inWord) break;
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === ';') {
      endCommand(';');
      i++;
    } else if (line.startsWith('&&', i) || line.startsWith('||', i)) {
      endCommand(line.slice(i, i + 2) as Operator);
      i += 2;
    } else if (UNSUPPORTED.has(ch)) {
      return { ok: false, unsupported: ch };
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { ok: false, open: true };
      word += line.charAt(i + 1);
      inWord = true;
      i += 2;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, open: true };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      while (i < line.length && line.charAt(i) !== '"') {
        const c = line.charAt(i);
        if (c === '\\' && '"\\$`'.includes(line.charAt(i + 1))) {
          word += line.charAt(i + 1);
          i += 2;
        } else if (c === '$') {
          const [value, next] = dollar(i);
          word += value;
          i = next;
        } else {
          word += c;
          i++;
        }
      }
      if (i >= line.length) return { ok: false, open: true };
      i++;
    } else if (ch === '$') {
      const [value, next] = dollar(i);
      word += value;
      // An unquoted expansion to nothing is no word at all (field splitting), a quoted one is an empty word.
      if (value !== '') inWord = true;
      i = next;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  endCommand(';');
  return { ok: true, commands };
}
