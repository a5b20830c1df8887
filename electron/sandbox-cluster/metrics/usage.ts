// The CPU and memory each running container uses, as metrics-server would report it: plausible (a share of the
// container's request, or of its limit, or a small agent's footprint when it sets neither; never above its limit),
// deterministic (a function of the container's identity and the sample time) and slowly varying (two slow waves,
// periods of minutes), sampled once per 15-second window so every reader of one window sees the same figures.
import { createHash } from 'node:crypto';
import { parseQuantity } from '../apimachinery/quantity.js';
import type { KubeObject } from '../types.js';

type Json = Record<string, unknown>;
export const WINDOW_MS = 15_000;
const MIB = 1024 * 1024;

export interface Usage {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

/** [0, 1) from a string, stable across runs. */
export function unit(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** The start of the window `now` falls in: the sample's timestamp. */
export function windowStart(now: number): number {
  return Math.floor(now / WINDOW_MS) * WINDOW_MS;
}

function wave(seed: string, t: number, periodS: number, depth: number): number {
  return depth * Math.sin((2 * Math.PI * t) / (periodS * 1000) + 2 * Math.PI * unit(seed));
}

function amount(resources: Json, kind: 'requests' | 'limits', name: string): number | undefined {
  const section = resources[kind];
  const value = typeof section === 'object' && section !== null ? (section as Json)[name] : undefined;
  const parsed = parseQuantity(value);
  return parsed !== undefined && parsed > 0 ? parsed : undefined;
}

function follow(
  seed: string,
  t: number,
  request: number | undefined,
  limit: number | undefined,
  idle: [number, number],
  swing: number,
): number {
  const h = unit(seed);
  const base =
    request !== undefined
      ? request * (0.3 + 0.55 * h)
      : limit !== undefined
        ? limit * (0.15 + 0.35 * h)
        : idle[0] + (idle[1] - idle[0]) * h;
  const factor = 1 + wave(`${seed}/slow`, t, 900 + 600 * h, swing) + wave(`${seed}/fast`, t, 97, swing / 3);
  const value = base * factor;
  return limit !== undefined ? Math.min(value, limit * 0.97) : value;
}

/** One container's usage at time `t` (ms). */
export function containerUsage(pod: KubeObject, container: Json, t: number): Usage {
  const seed = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}/${String(container.name)}`;
  const resources = (container.resources ?? {}) as Json;
  return {
    cpu: Math.max(
      0.0005,
      follow(
        `${seed}/cpu`,
        t,
        amount(resources, 'requests', 'cpu'),
        amount(resources, 'limits', 'cpu'),
        [0.002, 0.04],
        0.3,
      ),
    ),
    memory: follow(
      `${seed}/memory`,
      t,
      amount(resources, 'requests', 'memory'),
      amount(resources, 'limits', 'memory'),
      [12 * MIB, 120 * MIB],
      0.08,
    ),
  };
}

/** What a node's kubelet, runtime and system daemons use besides the pods. */
export function systemUsage(node: string, t: number): Usage {
  return {
    cpu: 0.06 + 0.05 * unit(`${node}/cpu`) + 0.02 * (1 + wave(`${node}/cpu-wave`, t, 1200, 1)),
    memory: (550 + 250 * unit(`${node}/memory`)) * MIB * (1 + wave(`${node}/memory-wave`, t, 1800, 0.03)),
  };
}

/** metrics-server's units: nanocores and kibibytes. */
export function usageQuantities(u: Usage): { cpu: string; memory: string } {
  return { cpu: `${String(Math.round(u.cpu * 1e9))}n`, memory: `${String(Math.round(u.memory / 1024))}Ki` };
}
