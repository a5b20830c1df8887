export declare function findElectronBinary(dir?: string, env?: NodeJS.ProcessEnv): string | undefined;
export declare function electronArgs(hostArgs: string[]): string[];
export declare function tryInstallElectron(dir?: string): void;
