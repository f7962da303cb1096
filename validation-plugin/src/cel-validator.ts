/**
 * Evaluates a CRD's `x-kubernetes-validations` (CEL) rules on an object as the API server does on
 * create (k8s.io/apiextensions-apiserver pkg/apiserver/schema/cel/validation.go): the schema's
 * defaults applied first; each rule at its place in the schema with `self` bound to that node
 * (rules under `items`/`additionalProperties` once per element); null values not validated;
 * transition rules (those naming `oldSelf`) skipped, as there is no old object on create;
 * `message`, `messageExpression`, `reason` and `fieldPath` honoured, and the error worded as the
 * API server words it after the field path (`Invalid value: "object": <message>`).
 *
 * The CEL engine is @bufbuild/cel (it runs the cel-spec conformance suite), loaded only when an
 * object of a kind with rules is validated; each rule is parsed and planned once per process.
 */
import type { CelEnv, CelResult } from '@bufbuild/cel';
import { kubernetesCelEnv } from './cel-library';
import { CelNode, CelRuleSpec, applyDefaults, celNode, toCel } from './cel-schema';

type Cel = typeof import('@bufbuild/cel');
type Program = (bindings: Record<string, unknown>) => CelResult;

export interface CelViolation {
  /** JSON pointer of the field the API server names. */
  readonly instancePath: string;
  readonly message: string;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A rule's `fieldPath` (`.spec.x`, `['a.b']`, `[0]`) as JSON pointer segments; undefined when it cannot be read. */
export function fieldPathSegments(fieldPath: string): string[] | undefined {
  const out: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/y;
  let at = 0;
  while (at < fieldPath.length) {
    re.lastIndex = at;
    const m = re.exec(fieldPath);
    if (!m) return undefined;
    out.push(m[1] ?? (m[2] ?? m[3])?.replace(/\\(.)/g, '$1') ?? m[4]);
    at = re.lastIndex;
  }
  return out;
}

/** The API server's words for a failed rule: field.Invalid/Forbidden/Required/Duplicate's body. */
function errorBody(reason: string | undefined, type: string | undefined, detail: string): string {
  switch (reason) {
    case 'FieldValueForbidden': return `Forbidden: ${detail}`;
    case 'FieldValueRequired': return `Required value: ${detail}`;
    case 'FieldValueDuplicate': return `Duplicate value: ${JSON.stringify(type ?? '')}`;
    default: return `Invalid value: ${JSON.stringify(type ?? '')}: ${detail}`;
  }
}

function ruleErrorString(rule: CelRuleSpec): string {
  return (rule.message ? rule.message : rule.rule).trim();
}

function ruleMessageOrDefault(rule: CelRuleSpec): string {
  return rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
}

function usesOldSelf(rule: string): boolean {
  return /\boldSelf\b/.test(rule.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""'));
}

/** cel-go's words for @bufbuild/cel's runtime errors (the API server reports cel-go's). */
function goWording(message: string): string {
  if (message.startsWith('field not found: ')) return `no such key: ${message.slice('field not found: '.length)}`;
  if (message.startsWith('found no matching overload') || message.startsWith('unbound function')) return `no such overload: ${message}`;
  return message;
}

/** CEL rule evaluation for the schema validator: one per process (it caches planned rules). */
export class CelValidator {
  private readonly cel: Cel;
  private readonly env: CelEnv;
  private readonly programs = new Map<string, Program | Error>();
  private readonly trees = new Map<string, CelNode>();
  /** Rules parsed and planned in this process. */
  public compiledCount = 0;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when an object has rules to evaluate
    this.cel = require('@bufbuild/cel') as Cel;
    this.env = kubernetesCelEnv(this.cel);
  }

  /** The CEL view of a CRD version's schema, built once per `id`. */
  public tree(id: string, schema: () => unknown): CelNode {
    let node = this.trees.get(id);
    if (!node) this.trees.set(id, node = celNode(schema()));
    return node;
  }

  private program(expression: string): Program | Error {
    let p = this.programs.get(expression);
    if (!p) {
      try {
        p = this.cel.plan(this.env, this.cel.parse(expression)) as unknown as Program;
      } catch (e) {
        p = e instanceof Error ? e : new Error(String(e));
      }
      this.compiledCount++;
      this.programs.set(expression, p);
    }
    return p;
  }

  /** Every rule of the schema `root` that `object` fails, with the API server's field path and words. */
  public validate(root: CelNode, object: unknown): CelViolation[] {
    const out: CelViolation[] = [];
    if (root.hasRules) this.walk(root, root, applyDefaults(root, object), [], true, out);
    return out;
  }

  private walk(node: CelNode, typing: CelNode, value: unknown, path: string[], root: boolean, out: CelViolation[]): void {
    if (value === null || value === undefined) return;
    if (node.rules.length > 0) this.evaluate(node.rules, typing, value, path, root, out);
    for (const sub of node.allOf) this.walk(sub, typing, value, path, root, out);
    if (Array.isArray(value)) {
      const items = node.items;
      const itemTyping = typing.items ?? items;
      if (items?.hasRules) value.forEach((v, i) => this.walk(items, itemTyping!, v, [...path, String(i)], false, out));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const child = node.properties.get(k) ?? node.additional;
        if (child?.hasRules) this.walk(child, typing.properties.get(k) ?? typing.additional ?? child, v, [...path, k], false, out);
      }
    }
  }

  private evaluate(rules: readonly CelRuleSpec[], typing: CelNode, value: unknown, path: string[], root: boolean, out: CelViolation[]): void {
    let self: unknown;
    const at = (segments: string[]) => segments.map(s => `/${escapePointer(s)}`).join('');
    for (const rule of rules) {
      if (!rule.rule.trim() || usesOldSelf(rule.rule)) continue; // transition rules: no old object on create
      const program = this.program(rule.rule);
      if (program instanceof Error) {
        out.push({ instancePath: at(path), message: errorBody(undefined, typing.type, `rule compile error: ${program.message}`) });
        continue;
      }
      self ??= toCel(typing, value, root);
      const result = program({ self });
      if (result === true) continue;
      if (this.cel.isCelError(result) || typeof result !== 'boolean') {
        const err = this.cel.isCelError(result) ? goWording(result.message) : `rule evaluated to ${typeof result}, not bool`;
        const detail = err.startsWith('no such overload')
          ? `'${err}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
          : `${err} evaluating rule: ${ruleErrorString(rule)}`;
        out.push({ instancePath: at(path), message: errorBody(undefined, typing.type, detail) });
        continue;
      }
      const extra = rule.fieldPath ? fieldPathSegments(rule.fieldPath) ?? [] : [];
      out.push({ instancePath: at([...path, ...extra]), message: errorBody(rule.reason, typing.type, this.message(rule, self)) });
    }
  }

  /** `messageExpression`'s value when it yields a non-empty one-line string, else `message` (or "failed rule: ..."). */
  private message(rule: CelRuleSpec, self: unknown): string {
    if (rule.messageExpression) {
      const program = this.program(rule.messageExpression);
      const result = program instanceof Error ? undefined : program({ self });
      if (typeof result === 'string' && result.trim() !== '' && !result.includes('\n')) return result.trim();
    }
    return ruleMessageOrDefault(rule);
  }
}

let shared: CelValidator | undefined;

/** The process's CEL validator (created, and @bufbuild/cel loaded, on first use). */
export function celValidator(): CelValidator {
  return shared ??= new CelValidator();
}
