// The JSONPath subset additionalPrinterColumns use (`.spec.replicas`, `.status.conditions[?(@.type=="Ready")].status`,
// `.spec.ports[0].port`), evaluated as kubectl's printer does: the first match, or nothing.

type Json = Record<string, unknown>;

function step(values: unknown[], token: string): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (token.startsWith('[?(@.')) {
      const m = /^\[\?\(@\.([\w.-]+)\s*==\s*["']?([^"')]*)["']?\)\]$/.exec(token);
      if (!m || !Array.isArray(v)) continue;
      const [, field, expected] = m;
      for (const item of v) {
        const got = (field ?? '').split('.').reduce<unknown>((x, k) => (x as Json | undefined)?.[k], item);
        if (String(got) === expected) out.push(item);
      }
    } else if (token === '[*]' || token === '[]') {
      if (Array.isArray(v)) out.push(...(v as unknown[]));
    } else if (/^\[\d+\]$/.test(token)) {
      if (Array.isArray(v)) out.push(v[Number(token.slice(1, -1))]);
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      out.push((v as Json)[token]);
    }
  }
  return out.filter((x) => x !== undefined);
}

export function evaluateJsonPath(object: unknown, path: string): unknown {
  const tokens =
    path
      .trim()
      .replace(/^\{|\}$/g, '')
      .match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
  let values: unknown[] = [object];
  for (const t of tokens) values = step(values, t);
  return values[0];
}
