export interface BuildElectronOptions {
  outDir?: string;
  minify?: boolean;
}
export declare function buildElectron(
  options?: BuildElectronOptions,
): Promise<{ main: string; preload: string; web: string }>;
