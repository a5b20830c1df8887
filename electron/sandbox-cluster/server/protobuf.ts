// The access reviews that typed clients (kubectl auth can-i) send as application/vnd.kubernetes.protobuf. Answers still
// go out as JSON, which those clients also accept.
import { unwrap } from './protobuf-wire.js';

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Decodes a SelfSubjectAccessReview or SelfSubjectRulesReview (per `resource`) into its JSON shape. */
export function decodeReview(
  body: Buffer,
  resource: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews',
): Record<string, unknown> {
  const spec = unwrap(body).object.sub(2);
  if (!spec) return { spec: {} };
  if (resource === 'selfsubjectrulesreviews') return { spec: definedOnly({ namespace: spec.str(1) }) };
  const ra = spec.sub(1);
  const nra = spec.sub(2);
  const out: Record<string, unknown> = {};
  if (ra) {
    out.resourceAttributes = definedOnly({
      namespace: ra.str(1),
      verb: ra.str(2),
      group: ra.str(3),
      version: ra.str(4),
      resource: ra.str(5),
      subresource: ra.str(6),
      name: ra.str(7),
    });
  } else if (nra) {
    out.nonResourceAttributes = definedOnly({ path: nra.str(1), verb: nra.str(2) });
  }
  return { spec: out };
}
