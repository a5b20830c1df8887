import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { enumOf } from '../../renderer/editor/schema/enums.js';
import type { SchemaDef, SchemaProp, SchemaSet, SchemaType } from '../../renderer/editor/schema/types.js';

/**
 * The editor's offline schemas, derived from the `kubernetes-types` package's declaration files (generated upstream
 * from the Kubernetes OpenAPI spec, descriptions included). Derived at build time so no spec text is committed here.
 */
// The generated set has the shape the editor reads: one definition of it, in the renderer.
export type BundledSchemas = SchemaSet;

// The kinds a DaemonSet file usually carries (issue 5).
const KINDS: [apiVersion: string, kind: string, module: string][] = [
  ['apps/v1', 'DaemonSet', 'apps/v1'],
  ['v1', 'ConfigMap', 'core/v1'],
  ['v1', 'Secret', 'core/v1'],
  ['v1', 'Service', 'core/v1'],
  ['v1', 'ServiceAccount', 'core/v1'],
  ['v1', 'PersistentVolumeClaim', 'core/v1'],
  ['v1', 'Namespace', 'core/v1'],
];

const SCALAR_ALIASES: Record<string, SchemaType> = { Quantity: 'int-or-string', Time: 'string', MicroTime: 'string' };

interface Declared {
  node: ts.InterfaceDeclaration;
  module: string;
  imports: Map<string, string>;
}

function docOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const comment = docs?.[0]?.comment;
  if (typeof comment === 'string') return comment.trim() || undefined;
  return undefined;
}

export function generateEditorSchemas(): BundledSchemas {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('kubernetes-types/package.json'));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const modules = new Map<string, Map<string, Declared>>();
  const aliases = new Map<string, ts.TypeNode>();

  const load = (module: string): Map<string, Declared> => {
    const known = modules.get(module);
    if (known) return known;
    const text = readFileSync(join(root, `${module}.d.ts`), 'utf8');
    const file = ts.createSourceFile(`${module}.d.ts`, text, ts.ScriptTarget.ES2022, true);
    const declared = new Map<string, Declared>();
    const imports = new Map<string, string>();
    for (const statement of file.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const from = join(dirname(module), statement.moduleSpecifier.text);
        const named = statement.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, from);
      } else if (ts.isInterfaceDeclaration(statement)) {
        declared.set(statement.name.text, { node: statement, module, imports });
      } else if (ts.isTypeAliasDeclaration(statement)) {
        aliases.set(`${module}.${statement.name.text}`, statement.type);
      }
    }
    modules.set(module, declared);
    return declared;
  };

  const defs: Record<string, SchemaDef> = {};
  const typeOf = (node: ts.TypeNode, module: string, imports: Map<string, string>): SchemaType => {
    if (node.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(node)) return 'string';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
    if (ts.isUnionTypeNode(node)) return 'int-or-string';
    if (ts.isArrayTypeNode(node)) return { arr: typeOf(node.elementType, module, imports) };
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      return index ? { map: typeOf(index.type, module, imports) } : 'any';
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      const arg = node.typeArguments?.[0];
      if (name === 'Array' && arg) return { arr: typeOf(arg, module, imports) };
      if (SCALAR_ALIASES[name]) return SCALAR_ALIASES[name];
      const target = imports.get(name) ?? module;
      const alias = aliases.get(`${target}.${name}`);
      if (alias) return typeOf(alias, target, imports);
      return define(target, name) ? { ref: `${target}.${name}` } : 'any';
    }
    return 'any';
  };
  const define = (module: string, name: string): boolean => {
    const key = `${module}.${name}`;
    if (defs[key]) return true;
    const declared = load(module).get(name);
    if (!declared) return false;
    const def: SchemaDef = { p: {} };
    const doc = docOf(declared.node);
    if (doc) def.d = doc;
    defs[key] = def;
    const required: string[] = [];
    for (const member of declared.node.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isIdentifier(member.name)) continue;
      const field = member.name.text;
      const prop: SchemaProp = { t: typeOf(member.type, module, declared.imports) };
      const text = docOf(member);
      if (text) prop.d = text;
      const values = prop.t === 'string' ? enumOf(key, field, text) : undefined;
      if (values) prop.e = values;
      if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) prop.ro = true;
      if (!member.questionToken) required.push(field);
      def.p[field] = prop;
    }
    if (required.length) def.r = required;
    return true;
  };

  const kinds: Record<string, string> = {};
  for (const [apiVersion, kind, module] of KINDS) {
    if (define(module, kind)) kinds[`${apiVersion}/${kind}`] = `${module}.${kind}`;
  }
  return { source: `kubernetes-types ${version}`, defs, kinds };
}
