// Kubernetes' name rules (common/names.ts) at their edges, as apimachinery's validation accepts or refuses them.
import { describe, expect, it } from 'vitest';
import {
  isDnsLabel,
  isDnsSubdomain,
  isEnvVarName,
  isLabelValue,
  isPortName,
  isQualifiedName,
  isQualifiedNamePart,
} from '../../../common/names';

const accepts = (rule: (s: string) => boolean, values: string[]) => values.filter((v) => !rule(v));
const refuses = (rule: (s: string) => boolean, values: string[]) => values.filter((v) => rule(v));

describe('DNS-1123 label', () => {
  it('accepts lowercase alphanumerics with inner hyphens, up to 63 characters', () => {
    expect(accepts(isDnsLabel, ['a', '0', '1abc', 'a-b', 'a--b', 'x'.repeat(63)])).toEqual([]);
  });
  it('refuses empty, uppercase, dots, edge hyphens, other characters and 64 characters', () => {
    const bad = ['', 'A', 'aB', 'a.b', '-a', 'a-', 'a_b', 'a b', 'é', 'x'.repeat(64), 'a\n'];
    expect(refuses(isDnsLabel, bad)).toEqual([]);
  });
});

describe('DNS-1123 subdomain', () => {
  it('accepts dot-separated labels up to 253 characters', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(long).toHaveLength(253);
    expect(accepts(isDnsSubdomain, ['a', 'a.b', 'kube-system', 'a-1.b-2.c', long])).toEqual([]);
  });
  it('refuses empty labels, edge dots or hyphens, uppercase and 254 characters', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`;
    const bad = ['', '.a', 'a.', 'a..b', 'a.-b', 'a-.b', 'A.b', 'a_b', long];
    expect(refuses(isDnsSubdomain, bad)).toEqual([]);
  });
});

describe('qualified name (label and annotation keys)', () => {
  it('accepts a name part of alphanumerics with inner -, _ and ., with an optional subdomain prefix', () => {
    const good = ['app', 'App_1', 'a.b-c_d', 'x'.repeat(63), 'example.com/app', 'kubesphere.io/alias-name', 'a/B'];
    expect(accepts(isQualifiedName, good)).toEqual([]);
  });
  it('refuses an empty or too long name part, a bad prefix and more than one slash', () => {
    const bad = ['', '/', 'a/', '/a', '_a', 'a_', '.a', 'x'.repeat(64), 'Example.com/a', 'a..b/c', 'a/b/c', 'a b'];
    expect(refuses(isQualifiedName, bad)).toEqual([]);
  });
  it('checks the name part alone without treating a slash as a prefix', () => {
    expect(isQualifiedNamePart('a-b')).toBe(true);
    expect(isQualifiedNamePart('a/b')).toBe(false);
  });
});

describe('label value', () => {
  it('accepts the empty value and up to 63 characters of the qualified-name alphabet', () => {
    expect(accepts(isLabelValue, ['', 'v1', 'A.b_c-D', 'x'.repeat(63)])).toEqual([]);
  });
  it('refuses edge punctuation, slashes, spaces and 64 characters', () => {
    expect(refuses(isLabelValue, ['-a', 'a-', '.a', 'a/b', 'a b', 'x'.repeat(64)])).toEqual([]);
  });
});

describe('port name (IANA service name)', () => {
  it('accepts up to 15 lowercase alphanumerics with single inner hyphens and a letter', () => {
    expect(accepts(isPortName, ['http', 'h2c', 'metrics-1', 'a'.repeat(15)])).toEqual([]);
  });
  it('refuses digits only, double hyphens, edge hyphens, uppercase and 16 characters', () => {
    expect(refuses(isPortName, ['', '8080', 'a--b', '-a', 'a-', 'Http', 'a'.repeat(16)])).toEqual([]);
  });
});

describe('environment variable name', () => {
  it('accepts letters, digits, -, . and _ not starting with a digit', () => {
    expect(accepts(isEnvVarName, ['HOME', '_x', 'a.b-c_1', '-x', '.x'])).toEqual([]);
  });
  it('refuses empty, a leading digit, = and spaces', () => {
    expect(refuses(isEnvVarName, ['', '1A', 'A=B', 'A B'])).toEqual([]);
  });
});
