// The editor's rule messages are worded over the wizard's predicates (one copy of the syntax rules): for any input,
// the editor finds a problem exactly where the wizard's form check refuses the value.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import { labelKeyProblem, labelValueProblem, nameProblem } from '../../../../renderer/editor/rules';
import { isDnsLabel, isDnsSubdomain, isLabelValue, isQualifiedName } from '../../../../common/names';

const KEYS = ['app', 'example.com/app', 'a/b/c', '/app', 'example.com/', 'Example.com/app', '-app', 'a'.repeat(64)];
const VALUES = ['', 'v1', 'v_1.2-x', '-v', 'v-', 'a b', 'v'.repeat(63), 'v'.repeat(64)];
const NAMES = ['agent', 'a.b', 'A', 'a-', 'a'.repeat(63), 'a'.repeat(64), `${'a'.repeat(63)}.b`, 'x'.repeat(254)];

describe('editor rules over the wizard rules', () => {
  it('label keys, label values and names are refused by both or by neither', () => {
    for (const key of KEYS) expect([key, labelKeyProblem(key) === undefined]).toEqual([key, isQualifiedName(key)]);
    for (const value of VALUES)
      expect([value, labelValueProblem(value) === undefined]).toEqual([value, isLabelValue(value)]);
    for (const name of NAMES) {
      expect([name, nameProblem(name, true) === undefined]).toEqual([name, isDnsLabel(name)]);
      expect([name, nameProblem(name, false) === undefined]).toEqual([name, isDnsSubdomain(name)]);
    }
  });

  it('words the problem for the part that is wrong', () => {
    expect(labelKeyProblem('Example.com/app')).toEqual({ rule: 'keyPrefix' });
    expect(labelKeyProblem('example.com/-app')).toEqual({ rule: 'keyName' });
    expect(labelKeyProblem(`${'x'.repeat(254)}/app`)).toEqual({ rule: 'keyPrefixTooLong', max: 253 });
    expect(nameProblem('x'.repeat(254), false)).toEqual({ rule: 'tooLong', max: 253 });
    // The words the editor shows for them, in English (the Chinese is the catalogue's, checked in diagnostics.test).
    const doc = (labels: string) =>
      analyze(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n${labels}`, undefined).diagnostics;
    expect(doc('    Example.com/app: x\n')[0]?.message).toMatch(
      /^metadata.labels: Invalid value: "Example.com\/app": prefix part a lowercase RFC 1123 subdomain/,
    );
    expect(doc('    app: -x\n')[0]?.message).toMatch(
      /^metadata.labels.app: Invalid value: "-x": a valid label value must be at most 63 characters/,
    );
  });
});
