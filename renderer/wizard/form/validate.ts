// The whole form's issues, keyed by field path.
import { add, warning, type Issues } from './issues';
import type { WizardForm } from './types';
import { validateBasic, type ValidationContext } from './validate-basic';
import { validatePod } from './validate-pod';
import { validateReferences } from './validate-refs';
import { validateRest } from './validate-rest';

export type { ValidationContext } from './validate-basic';

export function validateForm(form: WizardForm, ctx: ValidationContext = {}): Issues {
  const issues: Issues = {};
  validateBasic(form, ctx, issues);
  validatePod(form, ctx, issues);
  validateRest(form, ctx, issues);
  if (ctx.references) validateReferences(form, ctx.references, issues);
  // A DaemonSet needs one pod per eligible node; a pod quota with less room blocks some of them (FailedCreate).
  if (ctx.podQuotaRoom !== undefined && ctx.desiredPods !== undefined && ctx.desiredPods > ctx.podQuotaRoom) {
    add(issues, 'quota', warning('podQuota', { needed: ctx.desiredPods, room: Math.max(0, ctx.podQuotaRoom) }));
  }
  return issues;
}
