/** One Electronegativity finding, with the file named as it is in the repository (dist/...). */
export interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
  sample?: string;
}
/** One entry of build/electronegativity-justified.json. */
export interface Justification {
  check: string;
  file: string;
  reason: string;
  sample?: string;
}
export interface Classified {
  justified: { finding: Finding; reason: string }[];
  unjustified: Finding[];
  stale: Justification[];
}
export declare function classifyFindings(findings: Finding[], justifications: Justification[]): Classified;
export declare function parseJustifications(json: unknown): Justification[];
export declare function formatReport(result: Classified, parseErrors: { file: string; message: string }[]): string;
export declare function passes(result: Classified, parseErrors: { file: string; message: string }[]): boolean;
