/**
 * A CRD version's structural schema as the CEL validator walks it: where the
 * `x-kubernetes-validations` rules sit, how values are typed for CEL (integer -> int, number ->
 * double, int-or-string and untyped numbers -> int when whole), and the defaults the API server
 * applies before validating. Built once per CRD version and kept for the process.
 */
import { isObject } from './types';

/** One `x-kubernetes-validations` entry. */
export interface CelRuleSpec {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
  readonly optionalOldSelf?: boolean;
}

export interface CelNode {
  readonly type?: string;
  readonly intOrString: boolean;
  readonly rules: readonly CelRuleSpec[];
  readonly properties: ReadonlyMap<string, CelNode>;
  readonly items?: CelNode;
  readonly additional?: CelNode;
  /** Value-only schemas of allOf whose subtrees hold rules (evaluated at this node, as the API server does). */
  readonly allOf: readonly CelNode[];
  /** Property name -> its default (applied when the property is absent). */
  readonly defaults: ReadonlyMap<string, unknown>;
  readonly nullable: boolean;
  /** Whether this node or anything below it has rules. */
  readonly hasRules: boolean;
  /** Whether this node or anything below it has defaults. */
  readonly hasDefaults: boolean;
}

const EMPTY: CelNode = {
  intOrString: false, rules: [], properties: new Map(), allOf: [], defaults: new Map(), nullable: false, hasRules: false, hasDefaults: false,
};

/** The CEL view of an OpenAPI v3 schema (a CRD version's `openAPIV3Schema`). */
export function celNode(schema: unknown): CelNode {
  if (!isObject(schema)) return EMPTY;
  const properties = new Map<string, CelNode>();
  const defaults = new Map<string, unknown>();
  if (isObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      properties.set(name, celNode(sub));
      if (isObject(sub) && sub.default !== undefined) defaults.set(name, sub.default);
    }
  }
  const items = isObject(schema.items) ? celNode(schema.items) : undefined;
  const additional = isObject(schema.additionalProperties) ? celNode(schema.additionalProperties) : undefined;
  const allOf = Array.isArray(schema.allOf) ? schema.allOf.map(celNode).filter(n => n.hasRules) : [];
  const rules = Array.isArray(schema['x-kubernetes-validations'])
    ? (schema['x-kubernetes-validations'] as unknown[]).filter(isObject).filter(r => typeof r.rule === 'string') as unknown as CelRuleSpec[]
    : [];
  const children = [...properties.values(), ...(items ? [items] : []), ...(additional ? [additional] : [])];
  return {
    type: typeof schema.type === 'string' ? schema.type : undefined,
    intOrString: schema['x-kubernetes-int-or-string'] === true,
    rules, properties, items, additional, allOf, defaults,
    nullable: schema.nullable === true,
    hasRules: rules.length > 0 || allOf.length > 0 || children.some(c => c.hasRules),
    hasDefaults: defaults.size > 0 || children.some(c => c.hasDefaults),
  };
}

/**
 * The object with the schema's defaults applied, as the API server defaults a request before
 * validating it (structural defaulting: an absent property, or a null one that is not nullable,
 * gets its default; then its value is defaulted in turn). The input is not modified.
 */
export function applyDefaults(node: CelNode, value: unknown): unknown {
  if (!node.hasDefaults) return value;
  if (Array.isArray(value)) return node.items ? value.map(v => applyDefaults(node.items!, v)) : value;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [name, def] of node.defaults) {
    const child = node.properties.get(name)!;
    if (!(name in out) || (out[name] === null && !child.nullable)) out[name] = structuredClone(def);
  }
  for (const [name, v] of Object.entries(out)) {
    const child = node.properties.get(name) ?? node.additional;
    if (child?.hasDefaults) out[name] = applyDefaults(child, v);
  }
  return out;
}

/** CEL's reserved words: a property so named is `__<word>__` in rules (k8s.io/apiserver/pkg/cel Escape). */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/**
 * A property name as CEL rules name it (Kubernetes' escaping): reserved words become `__word__`;
 * `__`, `.`, `-`, `/` become `__underscores__`, `__dot__`, `__dash__`, `__slash__`; undefined for
 * a name rules cannot reach.
 */
export function celEscape(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__|\.|-|\//g, m => ({ '__': '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' })[m]!);
}

/**
 * The value as CEL sees it under this schema: objects become maps, arrays lists, integers int
 * (bigint). At the resource root, `metadata` shows only `name` and `generateName`.
 */
export function toCel(node: CelNode | undefined, value: unknown, root = false): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const int = node?.type === 'integer' || ((node?.type === undefined || node.intOrString) && Number.isInteger(value));
    return int && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map(v => toCel(node?.items, v));
  if (!isObject(value)) return value;
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(value)) {
    if (root && k === 'metadata' && isObject(v)) {
      const meta = new Map<string, unknown>();
      for (const f of ['name', 'generateName']) if (typeof v[f] === 'string') meta.set(f, v[f]);
      out.set(k, meta);
      continue;
    }
    const property = node?.properties.get(k);
    // declared properties are fields (escaped names); additionalProperties and unknown fields are map entries
    const key = property ? celEscape(k) : k;
    if (key !== undefined) out.set(key, toCel(property ?? node?.additional, v));
  }
  return out;
}
