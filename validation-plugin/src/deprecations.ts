/**
 * Warnings the API server prints for objects it accepts (`Warning: ...` from kubectl): deprecated
 * fields of built-in kinds from the Kubernetes version that deprecates them, and served CRD
 * versions marked `deprecated` (their `deprecationWarning`, or the API server's default words).
 * Reported by the synths and the plugin as warnings naming the object; they never fail a synth.
 */
import { isObject } from './types';

/** A field of a built-in kind the API server warns about from Kubernetes 1.<since>. */
export interface DeprecatedField {
  readonly apiVersion: string;
  readonly kind: string;
  /** JSON pointer segments of the field. */
  readonly path: readonly string[];
  readonly since: number;
  /** What the API server says, then why and what to use instead. */
  readonly message: string;
}

/**
 * The deprecated fields checked. Service.spec.externalIPs: KEP-5707 (kubernetes/enhancements#5873),
 * deprecated in Kubernetes 1.36, the API server warns "spec.externalIPs is deprecated" on its use.
 */
export const DEPRECATED_FIELDS: readonly DeprecatedField[] = [{
  apiVersion: 'v1', kind: 'Service', path: ['spec', 'externalIPs'], since: 36,
  message: 'spec.externalIPs is deprecated (the API server warns from Kubernetes 1.36, KEP-5707; kube-proxy\'s support is to be removed ' +
    'in a later release; the DenyServiceExternalIPs admission plugin refuses it where enabled); instead: a NodePort or LoadBalancer ' +
    'Service, hostPort/hostNetwork, or an Ingress/Gateway',
}];

/** The minor version of `v1.N.P` (undefined for another shape). */
export function minorOf(version: string): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

function has(obj: unknown, path: readonly string[]): boolean {
  let v = obj;
  for (const p of path) {
    if (!isObject(v) || !(p in v)) return false;
    v = v[p];
  }
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** The deprecated fields `obj` sets, for Kubernetes `version`: [JSON pointer, message]. */
export function deprecatedFieldsOf(obj: Record<string, unknown>, version: string): [string, string][] {
  const minor = minorOf(version);
  if (minor === undefined) return [];
  return DEPRECATED_FIELDS
    .filter(f => f.apiVersion === obj.apiVersion && f.kind === obj.kind && minor >= f.since && has(obj, f.path))
    .map(f => [`/${f.path.join('/')}`, f.message]);
}

/**
 * The API server's warning for a served CRD version marked deprecated: its `deprecationWarning`,
 * else "<group>/<version> <Kind> is deprecated" (apiextensions-apiserver's default words).
 */
export function crdVersionWarning(group: string, version: string, kind: string, deprecationWarning: string | undefined): string {
  return deprecationWarning ?? `${group}/${version} ${kind} is deprecated`;
}
