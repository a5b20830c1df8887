export interface PinnedRuntimes {
  electron: string;
  node: string;
  nodeRange: string;
}
export declare function runtimeReport(
  pinned: PinnedRuntimes,
  published: { electron: string[]; node: string[] },
): { ok: boolean; lines: string[] };
export declare function pinnedVersions(dir?: string): Promise<PinnedRuntimes>;
