export declare const fuses: Readonly<Record<string | number, unknown>>;
export declare function afterPack(context: unknown): Promise<void>;
export default afterPack;
