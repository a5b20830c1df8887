// DaemonSet registry strategy (pkg/registry/apps/daemonset/strategy.go) and validation (pkg/apis/apps/validation).
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import type { KubeObject } from '../types.js';
import { fromLabelSelectorObject, matchesLabels } from '../apimachinery/selectors.js';
import { cause, goLabelSelector, validateLabels, validatePodSpec } from './validation.js';

export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

export function prepareDaemonSetCreate(ds: KubeObject): void {
  ds.status = {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  };
  ds.metadata.generation = 1;
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: '1' };
}

export function prepareDaemonSetUpdate(ds: KubeObject, old: KubeObject): void {
  ds.status = old.status;
  const oldGeneration = old.metadata.generation ?? 1;
  const oldTemplateGeneration = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1');
  let templateGeneration = oldTemplateGeneration;
  ds.metadata.generation = oldGeneration;
  if (!isDeepStrictEqual(ds.spec?.template, old.spec?.template)) {
    templateGeneration = oldTemplateGeneration + 1;
    ds.metadata.generation = oldGeneration + 1;
  } else if (!isDeepStrictEqual(ds.spec, old.spec)) {
    ds.metadata.generation = oldGeneration + 1;
  }
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: String(templateGeneration) };
}

function isZero(v: unknown): boolean {
  return v === undefined || v === 0 || v === '0' || v === '0%';
}

export function validateIntOrPercent(value: unknown, field: string): FieldCause[] {
  if (value === undefined) return [];
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0
      ? []
      : [cause.invalid(field, value, 'must be greater than or equal to 0')];
  }
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (!m)
      return [
        cause.invalid(
          field,
          value,
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ),
      ];
    if (Number(m[1]) > 100) return [cause.invalid(field, value, 'must not be greater than 100%')];
    return [];
  }
  return [cause.invalid(field, value, "must be an integer or percentage (e.g '5%')")];
}

/** A workload's spec.selector: valid requirements, and not empty (`empty selector is invalid for <kind>`). */
export function validateSelector(selector: unknown, kindWord = 'daemonset'): FieldCause[] {
  const field = 'spec.selector';
  if (typeof selector !== 'object' || selector === null) return [cause.required(field)];
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const out = validateLabels(s.matchLabels, `${field}.matchLabels`);
  const exprs = Array.isArray(s.matchExpressions)
    ? (s.matchExpressions as { key?: unknown; operator?: unknown; values?: unknown }[])
    : [];
  exprs.forEach((e, i) => {
    const path = `${field}.matchExpressions[${i}]`;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(e.operator))) {
      out.push(cause.invalid(`${path}.operator`, e.operator, 'not a valid selector operator'));
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && (!Array.isArray(e.values) || e.values.length === 0)) {
      out.push(cause.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (
      (e.operator === 'Exists' || e.operator === 'DoesNotExist') &&
      Array.isArray(e.values) &&
      e.values.length > 0
    ) {
      out.push(cause.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  });
  const empty = Object.keys((s.matchLabels as object | undefined) ?? {}).length === 0 && exprs.length === 0;
  if (empty)
    out.push(cause.invalidRendered(field, goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
  return out;
}

/** The selector and pod template every workload kind checks the same way (ValidatePodTemplateSpecForX). */
export function validateWorkloadTemplate(spec: Record<string, unknown>, kind: string): FieldCause[] {
  const out = validateSelector(spec.selector, kind.toLowerCase());
  const template = spec.template as { metadata?: { labels?: Record<string, string> }; spec?: unknown } | undefined;
  if (!template) {
    out.push(cause.required('spec.template'));
    return out;
  }
  const labels = template.metadata?.labels;
  out.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  if (out.length === 0 && spec.selector) {
    const selector = fromLabelSelectorObject(spec.selector as Parameters<typeof fromLabelSelectorObject>[0]);
    if (!matchesLabels(selector, labels ?? {})) {
      out.push(
        cause.invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'),
      );
    }
  }
  out.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  const restart = (template.spec as { restartPolicy?: unknown } | undefined)?.restartPolicy;
  if (restart !== undefined && restart !== 'Always') {
    out.push(cause.notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  }
  if ((template.spec as { activeDeadlineSeconds?: unknown } | undefined)?.activeDeadlineSeconds !== undefined) {
    out.push(
      cause.forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`),
    );
  }
  return out;
}

/** Validation of a DaemonSet create or update (selector immutability is the strategy's update rule). */
export function validateDaemonSet(ds: KubeObject): FieldCause[] {
  const spec = ds.spec as Record<string, unknown> | undefined;
  if (!spec) return [cause.required('spec')];
  const out = validateWorkloadTemplate(spec, 'DaemonSet');
  for (const f of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    const v = spec[f];
    if (v !== undefined && (typeof v !== 'number' || v < 0)) {
      out.push(cause.invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
    }
  }
  const strategy = spec.updateStrategy as
    { type?: unknown; rollingUpdate?: { maxUnavailable?: unknown; maxSurge?: unknown } } | undefined;
  if (strategy) {
    if (strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete') {
      out.push(cause.notSupported('spec.updateStrategy', strategy.type, ['OnDelete', 'RollingUpdate']));
    } else if (strategy.type === 'RollingUpdate') {
      const ru = strategy.rollingUpdate ?? {};
      const base = 'spec.updateStrategy.rollingUpdate';
      const errs = [
        ...validateIntOrPercent(ru.maxUnavailable, `${base}.maxUnavailable`),
        ...validateIntOrPercent(ru.maxSurge, `${base}.maxSurge`),
      ];
      out.push(...errs);
      if (errs.length === 0) {
        if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
          out.push(cause.required(`${base}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
        } else if (!isZero(ru.maxUnavailable) && !isZero(ru.maxSurge)) {
          out.push(cause.invalid(`${base}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
        }
      }
    }
  }
  return out;
}
