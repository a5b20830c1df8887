import { isMap, isNode, isScalar, type LineCounter } from 'yaml';
import { catalogued, type Diagnostic } from './diagnostic';
import {
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_MAX,
  isDnsLabel,
  isDnsSubdomain,
  isLabelValue,
  isQualifiedNamePart,
} from '../../common/names';
import type { ParsedDocument } from './yaml-model';
import { isRecord, record } from '../../common/guards';

// Kinds whose names must be DNS-1123 labels rather than subdomains (apimachinery's per-kind validators).
const LABEL_NAMED = new Set(['Namespace', 'Service']);

/** What is wrong with a name, as a catalogue message (editor.diag.rule.*) with its parameters; undefined: nothing. */
export interface Problem {
  rule: 'tooLong' | 'notLabel' | 'notSubdomain' | 'keyPrefixTooLong' | 'keyPrefix' | 'keyName' | 'labelValue';
  max?: number;
}

export function nameProblem(name: string, asLabel: boolean): Problem | undefined {
  const max = asLabel ? DNS1123_LABEL_MAX : DNS1123_SUBDOMAIN_MAX;
  if (name.length > max) return { rule: 'tooLong', max };
  const ok = asLabel ? isDnsLabel(name) : isDnsSubdomain(name);
  if (!ok) return { rule: asLabel ? 'notLabel' : 'notSubdomain' };
  return undefined;
}

export function labelKeyProblem(key: string): Problem | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixProblem = prefix !== undefined ? nameProblem(prefix, false) : undefined;
  if (prefixProblem)
    return prefixProblem.rule === 'tooLong' ? { ...prefixProblem, rule: 'keyPrefixTooLong' } : { rule: 'keyPrefix' };
  if (!isQualifiedNamePart(name)) return { rule: 'keyName' };
  return undefined;
}

export function labelValueProblem(value: string): Problem | undefined {
  return isLabelValue(value) ? undefined : { rule: 'labelValue' };
}

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

/** Whether a label selector (matchLabels and matchExpressions) selects the given labels. */
function selectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  const matchLabels = record(selector.matchLabels);
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as Requirement[]) : [];
  for (const { key, operator, values = [] } of expressions) {
    const has = Object.hasOwn(labels, key);
    const value = String(labels[key]);
    if (operator === 'In' && !(has && values.includes(value))) return false;
    if (operator === 'NotIn' && has && values.includes(value)) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Kubernetes rules beyond the schema: name syntax, label syntax, and a DaemonSet's selector against its labels. */
export function checkRules(document: ParsedDocument, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const value = document.value;
  if (!isRecord(value) || !document.kind) return out;
  const at = (path: string[], key = false): readonly [number, number] => {
    const node: unknown = document.doc.getIn(path, true);
    if (key && path.length > 0) {
      const parent: unknown = document.doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
        if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
      }
    }
    if (isNode(node) && node.range) return [node.range[0], node.range[1]];
    return [document.from, document.from];
  };
  const invalid = (range: readonly [number, number], field: string, value: string, problem: Problem): Diagnostic =>
    catalogued(lines, range, 'error', 'rule', `rule.${problem.rule}`, {
      field,
      value,
      ...(problem.max !== undefined ? { max: problem.max } : {}),
    });
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  if (!metadata || (metadata.name === undefined && metadata.generateName === undefined)) {
    out.push(catalogued(lines, at(metadata ? ['metadata'] : ['kind']), 'error', 'rule', 'rule.nameRequired'));
  } else if (typeof metadata.name === 'string') {
    const problem = nameProblem(metadata.name, LABEL_NAMED.has(document.kind));
    if (problem) out.push(invalid(at(['metadata', 'name']), 'metadata.name', metadata.name, problem));
  }
  if (typeof metadata?.namespace === 'string') {
    const problem = nameProblem(metadata.namespace, true);
    if (problem) out.push(invalid(at(['metadata', 'namespace']), 'metadata.namespace', metadata.namespace, problem));
  }
  const labelPaths = [
    ['metadata', 'labels'],
    ...(document.kind === 'DaemonSet' ? [['spec', 'template', 'metadata', 'labels']] : []),
  ];
  for (const path of labelPaths) {
    const plain = path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
    if (!isRecord(plain)) continue;
    for (const [key, labelValue] of Object.entries(plain)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) out.push(invalid(at([...path, key], true), path.join('.'), key, keyProblem));
      const field = `${path.join('.')}.${key}`;
      const shown = JSON.stringify(labelValue) ?? String(labelValue);
      if (typeof labelValue !== 'string')
        out.push(
          catalogued(lines, at([...path, key]), 'error', 'rule', 'rule.labelNotString', { field, value: shown }),
        );
      else if (labelValueProblem(labelValue))
        out.push(catalogued(lines, at([...path, key]), 'error', 'rule', 'rule.labelValue', { field, value: shown }));
    }
  }
  if (document.kind === 'DaemonSet' && isRecord(value.spec)) out.push(...daemonSetSelector(value.spec, at, lines));
  return out;
}

function daemonSetSelector(
  spec: Record<string, unknown>,
  at: (path: string[], key?: boolean) => readonly [number, number],
  lines: LineCounter,
): Diagnostic[] {
  const selector = spec.selector;
  if (!isRecord(selector)) return [];
  const empty =
    Object.keys(record(selector.matchLabels)).length === 0 &&
    (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0);
  if (empty) return [catalogued(lines, at(['spec', 'selector']), 'error', 'rule', 'rule.emptySelector')];
  const template = record(spec.template);
  const templateMeta = record(template.metadata);
  const labels = record(templateMeta.labels);
  if (selectorMatches(selector, labels)) return [];
  const where = isRecord(templateMeta.labels) ? ['spec', 'template', 'metadata', 'labels'] : ['spec', 'selector'];
  return [catalogued(lines, at(where, true), 'error', 'rule', 'rule.selectorMismatch')];
}
