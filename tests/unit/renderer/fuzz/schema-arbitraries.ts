import fc from 'fast-check';
// The editor's offline schemas, served to tests by the same Vite plugin that builds them into the renderer.
import schemas from 'virtual:k8s-schemas';
import type { SchemaDef, SchemaType } from '../../../../renderer/editor/schema/types';

// DaemonSet manifests built from the DaemonSet's OpenAPI shape (the editor's offline schemas, generated from
// kubernetes-types): every object is a random choice of its schema's properties with values of their types, enums from
// the upstream descriptions. Properties the wizard's form reads are picked often, the others now and then, so both
// "a field the form shows" and "a field it does not know" turn up in every run. With `wrong` > 0 a value may instead
// be of another type than the schema's (a string for a port, an object for an image, a map for a list) and an object
// may carry a field of no schema at all: what an imported file can hold.

// The property names the form reads somewhere (read.ts): picked half of the time, the rest one time in twelve.
const FORM_KEYS = new Set(
  (
    'name namespace labels annotations selector matchLabels template spec metadata updateStrategy type rollingUpdate ' +
    'maxUnavailable maxSurge minReadySeconds containers initContainers imagePullSecrets hostNetwork hostPID ' +
    'serviceAccountName priorityClassName volumes tolerations affinity nodeAffinity ' +
    'requiredDuringSchedulingIgnoredDuringExecution nodeSelectorTerms matchExpressions key operator values ' +
    'nodeSelector image imagePullPolicy resources requests limits command args ports containerPort protocol hostPort ' +
    'env value valueFrom configMapKeyRef secretKeyRef envFrom configMapRef secretRef prefix readinessProbe ' +
    'livenessProbe httpGet tcpSocket exec path port initialDelaySeconds periodSeconds timeoutSeconds ' +
    'failureThreshold securityContext privileged capabilities add drop volumeMounts mountPath readOnly subPath ' +
    'persistentVolumeClaim claimName hostPath configMap secret secretName emptyDir medium effect tolerationSeconds'
  ).split(' '),
);
const MAX_DEPTH = 11;
// What makes a DaemonSet one at all (the API requires them; the schema's `required` lists only some).
const REQUIRED: Record<string, string[]> = {
  'apps/v1.DaemonSet': ['metadata', 'spec'],
  'core/v1.PodTemplateSpec': ['metadata', 'spec'],
};

const text = fc.oneof(
  {
    arbitrary: fc.constantFrom('', ' ', 'app', 'agent', '80', '25%', '100m', '64Mi', 'yes', 'null', '0644', '/data'),
    weight: 2,
  },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);
const integer = fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.constantFrom(0, 1, 80, -1));
const key = fc.oneof(
  fc.constantFrom('app', 'tier', 'cpu', 'memory', 'kubernetes.io/os', 'a/b'),
  fc.string({ maxLength: 5 }),
);
const maxItems = 2;

/** A value of another type than the schema's, or of no schema (what a hand-written file may hold). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('eighty', '', 'true', '8080', null, true, false, 0, 3.5, -7, [], {}),
  fc.constant({ 'x-unknown': 'kept' }),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxKeys: 2 }),
);

// Enum values the description parser left with a joining word ("or SCTP").
const enumValues = (values: string[]): string[] => values.map((v) => v.replace(/^(or|and) /, ''));

/** Arbitrary manifests of one definition; `wrong` is the chance (0..1) that a value is of a wrong type. */
export function schemaArbitrary(definition: string, wrong: number): fc.Arbitrary<Record<string, unknown>> {
  const memo = new Map<string, fc.Arbitrary<unknown>>();
  const maybeWrong = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    wrong > 0
      ? fc.oneof(
          { arbitrary: arb, weight: Math.round((1 - wrong) * 100) },
          { arbitrary: wrongValue, weight: Math.round(wrong * 100) },
        )
      : arb;

  const valueOf = (
    type: SchemaType,
    enums: string[] | undefined,
    depth: number,
    minItems = 0,
  ): fc.Arbitrary<unknown> => {
    if (type === 'string') return enums ? fc.constantFrom(...enumValues(enums)) : text;
    if (type === 'number' || type === 'integer') return integer;
    if (type === 'boolean') return fc.boolean();
    if (type === 'int-or-string') return fc.oneof(integer, fc.constantFrom('25%', '1', 'http'), text);
    if (type === 'any') return fc.jsonValue({ maxDepth: 1 });
    if ('arr' in type)
      return fc.array(maybeWrong(valueOf(type.arr, undefined, depth + 1)), {
        minLength: minItems,
        maxLength: maxItems,
      });
    if ('map' in type)
      return fc.dictionary(key, maybeWrong(valueOf(type.map, undefined, depth + 1)), { maxKeys: maxItems });
    return objectOf(type.ref, depth + 1);
  };

  const objectOf = (name: string, depth: number): fc.Arbitrary<unknown> => {
    if (depth > MAX_DEPTH) return fc.constant({});
    const id = `${name}@${depth}`;
    const known = memo.get(id);
    if (known) return known;
    const def: SchemaDef | undefined = schemas.defs[name];
    if (!def) return fc.constant({});
    const required = new Set([...(def.r ?? []), ...(REQUIRED[name] ?? [])]);
    const entries = Object.entries(def.p)
      // Status is the server's (read-only): a manifest the user edits has none.
      .filter(([, prop]) => !prop.ro)
      .map(([field, prop]) => {
        // A list the form reads has rows when it is there at all, so rows are what gets tried.
        const value = maybeWrong(valueOf(prop.t, prop.e, depth, FORM_KEYS.has(field) ? 1 : 0));
        if (required.has(field)) return [field, value] as const;
        const weight = FORM_KEYS.has(field) ? 1 : 11;
        return [
          field,
          fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: value, weight: 1 }),
        ] as const;
      });
    const unknownField =
      wrong > 0 ? fc.option(fc.constant('kept as written'), { freq: 8, nil: undefined }) : fc.constant(undefined);
    const arb = fc.tuple(fc.record(Object.fromEntries(entries)), unknownField).map(([object, unknown]) => {
      const out = Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
      if (unknown !== undefined) out['x-unknown-field'] = unknown;
      return out;
    });
    memo.set(id, arb);
    return arb;
  };

  const kind = schemas.kinds['apps/v1/DaemonSet'];
  if (!kind) throw new Error('no DaemonSet schema');
  return objectOf(definition === 'DaemonSet' ? kind : definition, 0).map((object) => ({
    ...(object as Record<string, unknown>),
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
  }));
}
