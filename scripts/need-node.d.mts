export declare function nodeTooOld(range: string, version: string): string | undefined;
