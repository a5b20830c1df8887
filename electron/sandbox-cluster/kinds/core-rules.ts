// Rules of the core kinds added in round two besides Services: LimitRange (defaults and min/max consistency), the
// ServiceAccount, Endpoints and the two volume kinds (pkg/apis/core/validation, pkg/apis/core/v1/defaults.go).
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { parseQuantity, QUANTITY_PATTERN, quantityDecodeError } from '../apimachinery/quantity.js';
import { cause } from '../registry/validation.js';
import type { KubeObject } from '../types.js';
import type { KindStrategy } from './descriptor.js';

type Json = Record<string, unknown>;
type Quantities = Record<string, unknown>;

const items = (o: KubeObject): Json[] => (Array.isArray(o.spec?.limits) ? (o.spec.limits as Json[]) : []);
const asMap = (v: unknown): Quantities => (typeof v === 'object' && v !== null ? (v as Quantities) : {});

/** SetDefaults_LimitRangeItem: a Container item's default limit falls back to max, its default request to the limit. */
export function defaultLimitRange(lr: KubeObject): void {
  for (const item of items(lr)) {
    if (item.type !== 'Container') continue;
    const def = { ...asMap(item.default) };
    const req = { ...asMap(item.defaultRequest) };
    for (const [k, v] of Object.entries(asMap(item.max))) def[k] ??= v;
    for (const [k, v] of Object.entries(def)) req[k] ??= v;
    for (const [k, v] of Object.entries(asMap(item.min))) req[k] ??= v;
    if (Object.keys(def).length > 0) item.default = def;
    if (Object.keys(req).length > 0) item.defaultRequest = req;
  }
}

const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

function checkQuantityText(lr: KubeObject): void {
  for (const item of items(lr)) {
    for (const key of ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      for (const v of Object.values(asMap(item[key]))) {
        if (typeof v === 'number') continue;
        if (typeof v !== 'string' || !QUANTITY_PATTERN.test(v)) throw quantityDecodeError('LimitRange', 'v1');
      }
    }
  }
}

export function validateLimitRange(lr: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  const seen = new Set<unknown>();
  items(lr).forEach((item, i) => {
    const path = `spec.limits[${i}]`;
    if (!TYPES.includes(String(item.type))) {
      out.push(
        item.type === undefined || item.type === ''
          ? cause.required(`${path}.type`)
          : cause.notSupported(`${path}.type`, item.type, TYPES),
      );
    }
    if (seen.has(item.type)) out.push(cause.duplicate(`${path}.type`, item.type));
    seen.add(item.type);
    if (item.type === 'Pod') {
      for (const key of ['default', 'defaultRequest']) {
        if (Object.keys(asMap(item[key])).length > 0)
          out.push(cause.forbidden(`${path}.${key}`, "may not be specified when `type` is 'Pod'"));
      }
    }
    if (
      item.type === 'PersistentVolumeClaim' &&
      asMap(item.min).storage === undefined &&
      asMap(item.max).storage === undefined
    ) {
      out.push(
        cause.required(
          `${path}.limits`,
          'either minimum or maximum storage value is required, but neither was provided',
        ),
      );
    }
    const min = asMap(item.min);
    const max = asMap(item.max);
    const def = asMap(item.default);
    const req = asMap(item.defaultRequest);
    const keys = new Set([...Object.keys(min), ...Object.keys(max), ...Object.keys(def), ...Object.keys(req)]);
    const q = (m: Quantities, k: string): number | undefined => (m[k] === undefined ? undefined : parseQuantity(m[k]));
    const s = (m: Quantities, k: string): string => String(m[k]);
    for (const k of [...keys].sort()) {
      const [mn, mx, d, r] = [q(min, k), q(max, k), q(def, k), q(req, k)];
      if (mn !== undefined && mx !== undefined && mn > mx)
        out.push(
          cause.invalid(
            `${path}.min[${k}]`,
            s(min, k),
            `min value ${s(min, k)} is greater than max value ${s(max, k)}`,
          ),
        );
      if (r !== undefined && mn !== undefined && mn > r)
        out.push(
          cause.invalid(
            `${path}.defaultRequest[${k}]`,
            s(req, k),
            `min value ${s(min, k)} is greater than default request value ${s(req, k)}`,
          ),
        );
      if (r !== undefined && mx !== undefined && r > mx)
        out.push(
          cause.invalid(
            `${path}.defaultRequest[${k}]`,
            s(req, k),
            `default request value ${s(req, k)} is greater than max value ${s(max, k)}`,
          ),
        );
      if (r !== undefined && d !== undefined && r > d)
        out.push(
          cause.invalid(
            `${path}.defaultRequest[${k}]`,
            s(req, k),
            `default request value ${s(req, k)} is greater than default limit value ${s(def, k)}`,
          ),
        );
      if (d !== undefined && mn !== undefined && mn > d)
        out.push(
          cause.invalid(
            `${path}.default[${k}]`,
            s(min, k),
            `min value ${s(min, k)} is greater than default value ${s(def, k)}`,
          ),
        );
      if (d !== undefined && mx !== undefined && d > mx)
        out.push(
          cause.invalid(
            `${path}.default[${k}]`,
            s(max, k),
            `default value ${s(def, k)} is greater than max value ${s(max, k)}`,
          ),
        );
    }
    for (const [k, v] of Object.entries(asMap(item.maxLimitRequestRatio))) {
      const ratio = parseQuantity(v);
      if (ratio !== undefined && ratio < 1)
        out.push(cause.invalid(`${path}.maxLimitRequestRatio[${k}]`, String(v), `ratio ${String(v)} is less than 1`));
    }
  });
  return out;
}

export const limitRangeStrategy: KindStrategy = {
  defaults: defaultLimitRange,
  decodeCheck: checkQuantityText,
  validate: validateLimitRange,
};

export const serviceAccountStrategy: KindStrategy = {
  validate(sa) {
    const out: FieldCause[] = [];
    const a = sa.automountServiceAccountToken;
    if (a !== undefined && typeof a !== 'boolean')
      out.push(cause.invalid('automountServiceAccountToken', a, 'must be a boolean'));
    return out;
  },
};

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: unknown, field: string): FieldCause[] {
  if (!Array.isArray(modes) || modes.length === 0) return [cause.required(field)];
  return modes.filter((m) => !ACCESS_MODES.includes(String(m))).map((m) => cause.notSupported(field, m, ACCESS_MODES));
}

export const pvcStrategy: KindStrategy = {
  defaults(pvc) {
    const spec = (pvc.spec ??= {}) as Json;
    spec.volumeMode ??= 'Filesystem';
  },
  prepareForCreate(pvc) {
    pvc.status = { phase: 'Pending' };
  },
  validate(pvc) {
    const out = validateAccessModes(pvc.spec?.accessModes, 'spec.accessModes');
    const storage = pvc.spec?.resources?.requests?.storage;
    if (storage === undefined) out.push(cause.required('spec.resources[storage]'));
    return out;
  },
  validateUpdate(pvc, old) {
    const strip = (o: KubeObject): unknown => ({
      ...o.spec,
      resources: undefined,
      volumeAttributesClassName: undefined,
    });
    // A pending claim may still be bound (volumeName set); otherwise only the size may grow.
    const bound = old.spec?.volumeName ? strip(old) : { ...(strip(old) as Json), volumeName: pvc.spec?.volumeName };
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(strip(pvc))), JSON.parse(JSON.stringify(bound)))) return [];
    return [
      cause.forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    ];
  },
};

export const pvStrategy: KindStrategy = {
  defaults(pv) {
    const spec = (pv.spec ??= {}) as Json;
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    spec.volumeMode ??= 'Filesystem';
  },
  prepareForCreate(pv) {
    pv.status = { phase: 'Pending' };
  },
  validate(pv) {
    const out = validateAccessModes(pv.spec?.accessModes, 'spec.accessModes');
    if (pv.spec?.capacity?.storage === undefined) out.push(cause.required('spec.capacity'));
    const policy = pv.spec?.persistentVolumeReclaimPolicy;
    if (!['Delete', 'Recycle', 'Retain'].includes(String(policy)))
      out.push(cause.notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
    return out;
  },
};

export const endpointsStrategy: KindStrategy = {
  validate(ep) {
    const out: FieldCause[] = [];
    const subsets = Array.isArray(ep.subsets) ? (ep.subsets as Json[]) : [];
    subsets.forEach((s, i) => {
      const addresses = Array.isArray(s.addresses) ? (s.addresses as Json[]) : [];
      addresses.forEach((a, j) => {
        if (typeof a.ip !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}$/.test(a.ip))
          out.push(cause.invalid(`subsets[${i}].addresses[${j}].ip`, a.ip, 'must be a valid IP address'));
      });
    });
    return out;
  },
};
