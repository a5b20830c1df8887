import { expandedSize, sizeProblem, tooDeepAt, type YamlLimits } from '../../common/yaml-limits';

/** The largest file the editor imports; here, not in files.ts, so that files.ts -> convert.ts -> here is no cycle. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

// The same guard as the backend's kubeconfig parser (common/yaml-limits.ts): yaml has no depth limit, and 4 MB of "["
// or one string aliased many times freezes the window. Manifests may be larger than a kubeconfig (the import cap).
export const MANIFEST_LIMITS: YamlLimits = {
  maxChars: MAX_FILE_BYTES,
  maxDepth: 64,
  maxAliasCount: 100,
  maxAliasExpansion: 16 * 1024 * 1024,
};

/** A limit a manifest text goes past, located (1-based line and column), with its i18n key and parameters. */
export interface LimitProblem {
  key: 'editor.limit.tooLarge' | 'editor.limit.tooDeep' | 'editor.limit.aliases';
  params: Record<string, string | number>;
  line: number;
  column: number;
  /** English, for places without i18n (the worker's plain diagnostics). */
  message: string;
}

const MB = 1024 * 1024;

/** Checked before parsing: the size and the nesting of the text. */
export function textLimitProblem(text: string, limits = MANIFEST_LIMITS): LimitProblem | undefined {
  if (sizeProblem(text, limits) !== undefined) {
    const max = Math.round(limits.maxChars / MB);
    return {
      key: 'editor.limit.tooLarge',
      params: { max, line: 1, column: 1 },
      line: 1,
      column: 1,
      message: `Line 1, column 1: the text is larger than ${max} MB, so it is not checked.`,
    };
  }
  const at = tooDeepAt(text, limits);
  if (at === undefined) return undefined;
  return {
    key: 'editor.limit.tooDeep',
    params: { max: limits.maxDepth, line: at.line, column: at.column },
    ...at,
    message: `Line ${at.line}, column ${at.column}: nested deeper than ${limits.maxDepth} levels, so the text is not checked.`,
  };
}

/** Checked after parsing, at the document's start: what its aliases expand to beyond the text itself. */
export function aliasLimitProblem(
  value: unknown,
  textLength: number,
  at: { line: number; column: number },
  limits = MANIFEST_LIMITS,
): LimitProblem | undefined {
  const budget = textLength + limits.maxAliasExpansion;
  if (expandedSize(value, budget) <= budget) return undefined;
  const max = Math.round(limits.maxAliasExpansion / MB);
  return {
    key: 'editor.limit.aliases',
    params: { max, line: at.line, column: at.column },
    ...at,
    message: `Line ${at.line}, column ${at.column}: aliases expand to more than ${max} MB beyond the text.`,
  };
}
