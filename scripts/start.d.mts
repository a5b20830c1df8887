export declare function findElectronBinary(dir?: string, env?: NodeJS.ProcessEnv): string | undefined;
export declare function electronArgs(hostArgs: string[]): string[];
export declare function tryInstallElectron(dir?: string): void;
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}
export declare function stopMessage(ended: {
  what: string;
  code: number | null;
  signal: string | null;
  stderr: string;
  startError?: string;
}): string;
export declare function supervise(
  command: string,
  commandArgs: string[],
  options: {
    what: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    out?: { write(chunk: string | Uint8Array): unknown };
  },
): Promise<Ended>;
