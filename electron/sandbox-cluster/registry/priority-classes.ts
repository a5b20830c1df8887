// PriorityClass rules (pkg/apis/scheduling/validation, pkg/apis/scheduling/helpers.go): names starting `system-` are
// the built-in classes only, user classes stay at or below one billion, value and preemptionPolicy are immutable.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { systemPriorityClasses } from '../seed/bootstrap.js';
import type { KubeObject } from '../types.js';
import { cause } from './validation.js';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_PREFIX = 'system-';

function knownSystemClassError(pc: KubeObject): string | undefined {
  const known = systemPriorityClasses().find((s) => s.metadata.name === pc.metadata.name);
  if (!known) return `${pc.metadata.name} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${pc.metadata.name} PriorityClass must be ${String(known.value)}`;
  if ((pc.globalDefault ?? false) !== false) return `globalDefault of ${pc.metadata.name} PriorityClass must be false`;
  return undefined;
}

export function defaultPriorityClass(pc: KubeObject): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

export function validatePriorityClass(pc: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  if (typeof pc.value !== 'number' || !Number.isInteger(pc.value)) {
    out.push(cause.required('value'));
  } else if (pc.metadata.name.startsWith(SYSTEM_PREFIX)) {
    const err = knownSystemClassError(pc);
    if (err) {
      out.push(
        cause.forbidden(
          'metadata.name',
          `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`,
        ),
      );
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    out.push(
      cause.forbidden(
        'value',
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  if (!['Never', 'PreemptLowerPriority'].includes(String(pc.preemptionPolicy))) {
    out.push(cause.notSupported('preemptionPolicy', pc.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  return out;
}

export function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  if (pc.value !== old.value) out.push(cause.forbidden('value', 'may not be changed in an update.'));
  if (!isDeepStrictEqual(pc.preemptionPolicy, old.preemptionPolicy)) {
    out.push(cause.invalid('preemptionPolicy', pc.preemptionPolicy, 'field is immutable'));
  }
  return out;
}
