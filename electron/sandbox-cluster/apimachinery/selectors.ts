// Label and field selectors with the apimachinery grammar: kubectl and informers send these verbatim, and a bad one
// must be a 400, never a silently empty list.
import { badRequest } from '../errors.js';
import type { KubeObject } from '../types.js';

export type LabelRequirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

export type LabelSelector = LabelRequirement[];

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The label key rule: optional DNS-subdomain prefix (<= 253) and `/`, then a name <= 63. */
export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

export function labelValueError(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (value !== '' && !LABEL_NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  }
  return undefined;
}

type Token = { kind: 'id'; text: string } | { kind: 'op'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else if (c === '!' || c === '=') {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: c });
        i++;
      }
    } else {
      let j = i;
      while (j < input.length && !' \t(),!='.includes(input.charAt(j))) j++;
      tokens.push({ kind: 'id', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function parseError(selector: string, why: string): Error {
  return badRequest(`unable to parse requirement: ${why}`, [
    { reason: 'FieldValueInvalid', message: why, field: selector },
  ]);
}

/** Parses a label selector string. Throws a 400 StatusError on bad syntax or invalid keys/values. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  const result: LabelSelector = [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const validKey = (key: string): string => {
    const err = labelKeyError(key);
    if (err) throw parseError(input, `key: Invalid value: "${key}": ${err}`);
    return key;
  };
  const validValue = (value: string): string => {
    const err = labelValueError(value);
    if (err) throw parseError(input, `values[0][${value}]: Invalid value: "${value}": ${err}`);
    return value;
  };
  while (pos < tokens.length) {
    const first = tokens[pos++];
    if (!first) break;
    if (first.kind === 'op' && first.text === '!') {
      const key = tokens[pos++];
      if (key?.kind !== 'id') throw parseError(input, `found '${key?.text ?? 'EOS'}', expected: identifier after '!'`);
      result.push({ key: validKey(key.text), op: '!exists' });
    } else if (first.kind === 'id') {
      const key = validKey(first.text);
      const op = peek();
      if (!op || (op.kind === 'op' && op.text === ',')) {
        result.push({ key, op: 'exists' });
      } else if (op.kind === 'op' && ['=', '==', '!='].includes(op.text)) {
        pos++;
        const value = peek();
        let text = '';
        if (value?.kind === 'id') {
          text = value.text;
          pos++;
        } else if (value && !(value.kind === 'op' && value.text === ',')) {
          throw parseError(input, `found '${value.text}', expected: identifier`);
        }
        result.push({ key, op: op.text === '!=' ? 'notin' : 'in', values: [validValue(text)] });
      } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
        pos++;
        if (tokens[pos++]?.text !== '(')
          throw parseError(input, `found '${tokens[pos - 1]?.text ?? 'EOS'}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          const t = tokens[pos++];
          if (!t) throw parseError(input, "found 'EOS', expected: ')'");
          if (t.kind === 'id') values.push(validValue(t.text));
          else if (t.text === ')') break;
          else if (t.text !== ',') throw parseError(input, `found '${t.text}', expected: ',', ')' or identifier`);
        }
        if (values.length === 0) throw parseError(input, "for 'in', 'notin' operators, values set can't be empty");
        result.push({ key, op: op.text, values });
      } else {
        throw parseError(input, `found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    } else {
      throw parseError(input, `found '${first.text}', expected: !, identifier, or 'end of string'`);
    }
    const sep = tokens[pos];
    if (sep) {
      if (sep.text !== ',') throw parseError(input, `found '${sep.text}', expected: ',' or 'end of string'`);
      pos++;
      if (pos >= tokens.length) throw parseError(input, "found 'EOS', expected: !, identifier, or 'end of string'");
    }
  }
  return result;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const req of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = has ? labels[req.key] : undefined;
    switch (req.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case 'in':
        if (value === undefined || !req.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && req.values.includes(value)) return false;
        break;
    }
  }
  return true;
}

/** Equality-only selector from a map (what ClusterApi.list takes). */
export function selectorFromMap(map: Record<string, string>): LabelSelector {
  return Object.entries(map).map(([key, value]) => ({ key, op: 'in', values: [value] }));
}

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** A kind's field selector getters (besides metadata.name and metadata.namespace), from its descriptor. */
export type FieldGetters = Record<string, (o: KubeObject) => unknown> | undefined;

function fieldGetter(getters: FieldGetters, field: string): ((o: KubeObject) => unknown) | undefined {
  if (field === 'metadata.name') return (o) => o.metadata.name;
  if (field === 'metadata.namespace') return (o) => o.metadata.namespace;
  return getters?.[field];
}

/** Splits on unescaped separators; `\,`, `\=`, `\!` and `\\` stand for themselves. */
function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** The first unescaped `!=`, `==` or `=` in a field requirement. */
function findOperator(part: string): { index: number; text: string } | undefined {
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '\\') {
      i++;
    } else if (c === '!' && part[i + 1] === '=') return { index: i, text: '!=' };
    else if (c === '=') return { index: i, text: part[i + 1] === '=' ? '==' : '=' };
  }
  return undefined;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Parses a field selector for a resource. Unknown fields and bad syntax are 400s as on a real API server. */
export function parseFieldSelector(getters: FieldGetters, input: string): FieldRequirement[] {
  const result: FieldRequirement[] = [];
  if (input.trim() === '') return result;
  for (const part of splitUnescaped(input, ',')) {
    const op = findOperator(part);
    if (!op) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    const field = part.slice(0, op.index).trim();
    if (!fieldGetter(getters, field)) throw badRequest(`field label not supported: ${field}`);
    result.push({ field, value: unescape(part.slice(op.index + op.text.length)), negate: op.text === '!=' });
  }
  return result;
}

export function matchesFields(getters: FieldGetters, requirements: FieldRequirement[], object: KubeObject): boolean {
  for (const req of requirements) {
    const getter = fieldGetter(getters, req.field);
    const actual = getter ? getter(object) : undefined;
    const text = actual === undefined || actual === null ? '' : String(actual);
    if ((text === req.value) === req.negate) return false;
  }
  return true;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Converts a metav1.LabelSelector (matchLabels + matchExpressions) to requirements. */
export function fromLabelSelectorObject(selector: LabelSelectorObject): LabelSelector {
  const out: LabelSelector = selectorFromMap(selector.matchLabels ?? {});
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') out.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') out.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') out.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist') out.push({ key: e.key, op: '!exists' });
  }
  return out;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** As workload controllers read a metav1.LabelSelector: empty or missing selects nothing, unknown operators never match. */
export function matchesSelectorObject(selector: LabelSelectorObject | undefined, labels: Record<string, string> = {}) {
  if (!selector) return false;
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && expressions.length === 0) return false;
  if (expressions.some((e) => !OPERATORS.has(e.operator))) return false;
  return matchesLabels(fromLabelSelectorObject(selector), labels);
}
