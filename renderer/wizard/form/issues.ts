// What validation reports: per field path (e.g. `containers.0.cpuLimit`), an i18n message key with its parameters,
// or a server's own text. Warnings never block creation.

export interface Issue {
  severity: 'error' | 'warning';
  /** i18n key under `wizard.issue.` */
  code: string;
  params?: Record<string, string | number>;
  /** Text from the API server (a 422 cause), shown as is. */
  message?: string;
}

export type Issues = Record<string, Issue[]>;

export type StepId = 'basic' | 'pod' | 'volumes' | 'labels' | 'nodes' | 'review';

export const STEPS: StepId[] = ['basic', 'pod', 'volumes', 'labels', 'nodes', 'review'];

export function add(issues: Issues, path: string, issue: Issue): void {
  (issues[path] ??= []).push(issue);
}

export const error = (code: string, params?: Issue['params']): Issue =>
  params ? { severity: 'error', code, params } : { severity: 'error', code };
export const warning = (code: string, params?: Issue['params']): Issue =>
  params ? { severity: 'warning', code, params } : { severity: 'warning', code };

/** The wizard step a field path belongs to. */
export function stepOf(path: string): StepId {
  const head = path.split('.')[0] ?? '';
  if (['containers', 'initContainers', 'imagePullSecrets', 'serviceAccountName', 'priorityClassName'].includes(head)) {
    return 'pod';
  }
  if (head === 'volumes') return 'volumes';
  if (head === 'labels') return 'labels';
  if (['nodes', 'nodeSelector', 'tolerations', 'placement'].includes(head)) return 'nodes';
  if (['name', 'alias', 'description', 'maxUnavailable', 'maxSurge', 'minReadySeconds', 'strategy'].includes(head)) {
    return 'basic';
  }
  return 'review';
}

export function errorsIn(issues: Issues, step: StepId): string[] {
  return Object.entries(issues)
    .filter(([path, list]) => stepOf(path) === step && list.some((i) => i.severity === 'error'))
    .map(([path]) => path);
}

export const hasErrors = (issues: Issues): boolean =>
  Object.values(issues).some((list) => list.some((i) => i.severity === 'error'));
