// The wizard's own syntax rules beside Kubernetes' name rules, which are common/names.ts (one copy for the renderer,
// the backend and the contract).

/** The values Kubernetes accepts for a hostPath volume's `type` ('' means no check before mounting). */
export const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

export const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;

/** An image reference without a tag or digest (`nginx`, `registry:5000/app`) pulls `latest`. */
export function imageLacksTag(image: string): boolean {
  const trimmed = image.trim();
  if (trimmed === '' || trimmed.includes('@')) return false;
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return !lastSegment.includes(':') || lastSegment.endsWith(':latest');
}
