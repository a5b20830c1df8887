// The simulated container runtime's view of images: how long a pull takes (deterministic per image), which images do
// not exist, and the ids a real runtime reports.

import { createHash } from 'node:crypto';

export interface ImageRef {
  registry: string;
  repository: string;
  tag: string;
  digest?: string;
}

/** Docker-style reference parsing: `nginx` -> docker.io/library/nginx:latest. */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    rest = rest.slice(slash + 1);
  }
  let tag = digest ? '' : 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return { registry, repository: rest, tag, digest };
}

export function fullName(ref: ImageRef): string {
  const base = `${ref.registry}/${ref.repository}`;
  if (ref.digest) return `${base}@${ref.digest}`;
  return `${base}:${ref.tag}`;
}

function hashOf(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Pull time in seconds at speed 1: 2.0 to 5.0 s, fixed for a given image. */
export function pullSeconds(image: string): number {
  const n = hashOf(image).readUInt16BE(0);
  return 2 + Math.round((n / 0xffff) * 30) / 10;
}

/** Why a pull of this image fails, in containerd's words; undefined when the image exists. */
export function pullError(image: string): string | undefined {
  const ref = parseImage(image);
  const name = fullName(ref);
  if (ref.registry === 'invalid.example') {
    const path = `${ref.repository}/manifests/${ref.digest ?? ref.tag}`;
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": failed to do request: Head "https://invalid.example/v2/${path}": dial tcp: lookup invalid.example: no such host`;
  }
  if (ref.tag === 'does-not-exist') {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  }
  return undefined;
}

/** `docker.io/library/nginx@sha256:...`, what status.containerStatuses[].imageID shows. */
export function imageId(image: string): string {
  const ref = parseImage(image);
  const digest = ref.digest ?? `sha256:${hashOf(`digest:${fullName(ref)}`).toString('hex')}`;
  return `${ref.registry}/${ref.repository}@${digest}`;
}

/** A runtime container id, unique per pod uid, container and attempt. */
export function containerId(podUid: string, container: string, attempt: number): string {
  return `containerd://${hashOf(`${podUid}/${container}/${attempt}`).toString('hex')}`;
}

/** Image pull back-off at speed 1: 10 s doubling per failure, at most 300 s (the kubelet's defaults). */
export function backoffSeconds(failures: number): number {
  return Math.min(10 * 2 ** Math.max(0, failures - 1), 300);
}
