import type { useClustersStore } from './clusters';

// The contract's limit for an uploaded kubeconfig: a larger one is refused here, saying so, instead of a message the
// host cannot take.
const MAX_UPLOAD_CHARS = 4_000_000;

type Translate = (key: string, values: Record<string, string>) => string;

/** Uploads the file chosen in a kubeconfig <input type=file> (the switcher's and the Clusters page's), then clears it. */
export async function uploadChosenKubeconfig(
  input: HTMLInputElement | null,
  clusters: ReturnType<typeof useClustersStore>,
  t: Translate,
  replaces?: string,
): Promise<void> {
  const file = input?.files?.[0];
  if (file && file.size > MAX_UPLOAD_CHARS) {
    clusters.error = {
      code: 'invalid',
      message: t('cluster.uploadTooLarge', { name: file.name, size: (file.size / 1_000_000).toFixed(1) }),
    };
  } else if (file) await clusters.addKubeconfig(file, replaces);
  if (input) input.value = '';
}
