/**
 * The string formats the validators check: ajv-formats' full set, with the Kubernetes numeric and
 * `byte` formats restated as the API server reads them. Formats Kubernetes does not know are
 * ignored, as the API server does (see compiler.ts).
 *
 * Cached (standalone) validators refer to these through `require(FORMATS_MODULE)`, which
 * validator-cache.ts answers with RUNTIME_FORMATS: one definition for compiled and cached code.
 */
import type Ajv from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

/** The module name standalone validator code requires its formats from. */
export const FORMATS_MODULE = 'cdk8s-expose:formats';

type NumberFormat = { readonly type: 'number'; readonly validate: (n: number) => boolean };
type StringFormat = { readonly type: 'string'; readonly validate: (s: string) => boolean };

/** Kubernetes formats ajv-formats defines differently or not at all. */
export const KUBERNETES_FORMATS: { readonly [name: string]: NumberFormat | StringFormat } = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && Number.isSafeInteger(n) },
  double: { type: 'number', validate: () => true },
  float: { type: 'number', validate: () => true },
  // Secret.data and friends: the API server rejects what does not decode as standard base64.
  byte: { type: 'string', validate: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) },
};

/** What `require(FORMATS_MODULE)` returns to cached validator code. */
export const RUNTIME_FORMATS: { readonly [name: string]: unknown } = { ...fullFormats, ...KUBERNETES_FORMATS };

/** Adds the Kubernetes formats (after ajv-formats, whose same-named formats they replace). */
export function addKubernetesFormats(ajv: Ajv): void {
  for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) ajv.addFormat(name, format);
}

/** Source text of the formats, part of the cache key: a changed format recompiles the validators. */
export function formatsFingerprint(): string {
  return Object.entries(KUBERNETES_FORMATS).map(([n, f]) => `${n}:${f.type}:${f.validate.toString()}`).join('\n');
}
