/**
 * Makes Kubernetes OpenAPI schemas strict and ajv-ready (kubeconform `-strict` semantics; see
 * docs/validation.md).
 */
import { isObject } from './types';

/**
 * Makes a (sub)schema strict and ajv-ready: drops documentation and `x-kubernetes-*` extensions,
 * turns `nullable` into a null type, adds `additionalProperties: false` where the API server would
 * reject (native types) or prune (CRDs) unknown fields.
 *
 * @param crd  CRD (structural) semantics: an object schema with neither properties nor
 *             additionalProperties (nor x-kubernetes-preserve-unknown-fields) accepts no field.
 * @param logic inside anyOf/oneOf/allOf/not: value validations only, never add strictness there.
 */
export function strictify(node: unknown, crd: boolean, logic = false): unknown {
  if (Array.isArray(node)) return node.map(n => strictify(n, crd, logic));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'description' || key === 'example' || key === 'externalDocs'
      || key === 'default' || key === 'nullable' || key === 'title') continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions': {
        const props: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(value as Record<string, unknown>)) props[name] = strictify(sub, crd, logic);
        out[key] = props;
        break;
      }
      case 'items':
      case 'additionalProperties':
        out[key] = strictify(value, crd, logic);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
      case 'not':
        out[key] = strictify(value, crd, true);
        break;
      default:
        out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined) {
    out.type = ['integer', 'string'];
  }
  if (node['x-kubernetes-embedded-resource'] === true && isObject(out.properties)) {
    const props = out.properties as Record<string, unknown>;
    for (const k of ['apiVersion', 'kind']) props[k] ??= { type: 'string' };
    props.metadata ??= { type: 'object' };
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  if (!logic && !preserve && out.additionalProperties === undefined) {
    if (out.properties !== undefined) out.additionalProperties = false;
    else if (crd && out.type === 'object' && out.patternProperties === undefined) out.additionalProperties = false;
  }
  return out;
}

/** Every `format` named anywhere in a schema. */
export function collectFormats(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) { for (const s of schema) collectFormats(s, into); return; }
  if (!isObject(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'format' && typeof v === 'string') into.add(v);
    else collectFormats(v, into);
  }
}
