// Basic Info: name, update strategy.
import { add, error, type Issues } from './issues';
import { isZero, parseIntOrPercent, resolvePodCount } from './rolling-update';
import { isDnsSubdomain } from '../../../common/names';
import type { WizardForm } from './types';
import type { ProjectReferences } from './validate-refs';

export interface ValidationContext {
  /** The name is already used by a DaemonSet in the project (live check). */
  nameTaken?: boolean;
  /** How many nodes the DaemonSet will run on (from the coverage preview), when known. */
  desiredPods?: number;
  /** Host ports already held by other DaemonSets of the cluster. */
  hostPortsInUse?: { port: number; protocol: string; owner: string }[];
  /** The project's claims, for the ReadWriteOnce warning. */
  claims?: { name: string; accessModes: string[] }[];
  /** The project's pod quota room (hard - used), when a quota limits pods. */
  podQuotaRoom?: number;
  /** The form edits an existing DaemonSet (names may be longer than 63, read from the cluster). */
  editing?: boolean;
  /** What exists in the project for the template to refer to (ServiceAccounts, ConfigMaps...). */
  references?: ProjectReferences;
}

function validateName(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  const name = form.name;
  if (name === '') return add(issues, 'name', error('required'));
  // The wizard keeps names to 63 characters so that the default `app: <name>` label is valid.
  const limit = ctx.editing ? 253 : 63;
  if (name.length > limit) return add(issues, 'name', error('tooLong', { max: limit }));
  if (!isDnsSubdomain(name)) return add(issues, 'name', error('dnsName'));
  if (ctx.nameTaken) add(issues, 'name', error('nameTaken', { name }));
}

function validateIntOrPercent(text: string, path: string, issues: Issues): void {
  if (text.trim() === '') return;
  const value = parseIntOrPercent(text);
  if (!value) return add(issues, path, error('intOrPercent'));
  if (value.kind === 'percent' && value.value > 100) add(issues, path, error('percentMax'));
}

function validateStrategy(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  if (form.minReadySeconds.trim() !== '' && !/^\d+$/.test(form.minReadySeconds.trim())) {
    add(issues, 'minReadySeconds', error('nonNegativeInt'));
  }
  if (form.strategy !== 'RollingUpdate') return;
  validateIntOrPercent(form.maxUnavailable, 'maxUnavailable', issues);
  validateIntOrPercent(form.maxSurge, 'maxSurge', issues);
  if (issues.maxUnavailable || issues.maxSurge) return;
  // The API server defaults an absent maxUnavailable to 1 and an absent maxSurge to 0.
  const unavailable = parseIntOrPercent(form.maxUnavailable.trim() === '' ? '1' : form.maxUnavailable);
  const surge = parseIntOrPercent(form.maxSurge.trim() === '' ? '0' : form.maxSurge);
  if (!isZero(unavailable) && !isZero(surge)) add(issues, 'maxSurge', error('surgeWithUnavailable'));
  if (isZero(unavailable) && isZero(surge)) add(issues, 'maxUnavailable', error('bothZero'));
}

/** The pod count a typed maxUnavailable/maxSurge resolves to on `desired` nodes ('' counts as `fallback`). */
export function resolvedCount(text: string, desired: number, fallback: string): number | undefined {
  const value = parseIntOrPercent(text.trim() === '' ? fallback : text);
  return value ? resolvePodCount(value, desired) : undefined;
}

export function validateBasic(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  validateName(form, ctx, issues);
  validateStrategy(form, ctx, issues);
  if (form.description.length > 256) add(issues, 'description', error('tooLong', { max: 256 }));
}
