import type { Finding } from './electronegativity-report.d.mts';
export declare const BUILT_PARTS: readonly string[];
export declare const EXCLUDED_CHECKS: readonly string[];
export declare function stageBuiltApp(appRoot: string, stageDir: string): Promise<void>;
export declare function scanStaged(
  stageDir: string,
  electronVersion: string,
): Promise<{ findings: Finding[]; parseErrors: { file: string; message: string }[]; checks: number }>;
