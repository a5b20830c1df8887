import { depthScan, type TextPosition, type YamlLimits } from '../../../common/yaml-limits.js';

// The checks live in common/yaml-limits.ts, shared with the renderer's manifest parsing; here are the kubeconfig's
// limits and the sliced depth check the off-thread parse runs before handing a large text to a worker.
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
