export declare function findElectronBinary(dir?: string): string | undefined;
export declare function electronArgs(hostArgs: string[]): string[];
