import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '../backend/index.js';
import { isRecord } from '../../common/guards.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

const MIN_SIZE = 200;
const MAX_COORDINATE = 100_000;

function isBounds(value: unknown): value is Bounds {
  if (!isRecord(value)) return false;
  return ['x', 'y', 'width', 'height'].every((key) => {
    const n = value[key];
    return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_COORDINATE;
  });
}

/** The remembered state, or undefined when there is none or the file is not ours to trust (hand-edited, truncated). */
export async function loadWindowState(file: string): Promise<WindowState | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { bounds, maximized } = parsed as Record<string, unknown>;
  if (!isBounds(bounds) || typeof maximized !== 'boolean') return undefined;
  if (bounds.width < MIN_SIZE || bounds.height < MIN_SIZE) return undefined;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized };
}

/** Written atomically (a crash never leaves half a file) and readable by the user only. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writePrivateFile(file, JSON.stringify(state));
}

/** Whether a window at `bounds` would be mostly visible on one of the displays' work areas. */
export function isVisibleOn(bounds: Bounds, workAreas: Bounds[]): boolean {
  return workAreas.some((area) => {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return width >= 100 && height >= 50;
  });
}
