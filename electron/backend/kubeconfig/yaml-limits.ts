import { depthScan, type TextPosition, type YamlLimits } from '../../../common/yaml-limits.js';

export { expandedSize, sizeProblem, tooDeepAt, type YamlLimits } from '../../../common/yaml-limits.js';

// The limits themselves live in common/yaml-limits.ts, shared with the renderer's manifest parsing.
export const KUBECONFIG_LIMITS: YamlLimits = {
  maxChars: 8 * 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 100,
  maxAliasExpansion: 1024 * 1024,
};

/** tooDeepAt in slices of lexer tokens, letting the event loop turn between them. */
export async function tooDeepAtSliced(text: string, limits: YamlLimits): Promise<TextPosition | undefined> {
  const scan = depthScan(text, limits);
  for (;;) {
    const step = scan.next();
    if (step.done === true) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
