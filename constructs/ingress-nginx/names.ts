/**
 * The fixed names, ports and labels of upstream's static manifest (release `ingress-nginx`),
 * shared by the controller's renderers. Only INGRESS_NGINX_VERSION is exported from the package entry.
 */

/** The controller release these constructs render by default (IngressNginxRelease.V1_11_8). */
export const INGRESS_NGINX_VERSION = '1.11.8';

export const NAMESPACE = 'ingress-nginx';
export const RELEASE = 'ingress-nginx';
export const CONTROLLER_NAME = `${RELEASE}-controller`;
export const ELECTION_ID = `${RELEASE}-leader`;
export const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const INGRESS_CLASS = 'nginx';
export const ADMISSION_NAME = `${RELEASE}-admission`;
export const DEFAULT_BACKEND_NAME = `${RELEASE}-defaultbackend`;
export const DEFAULT_BACKEND_SA = `${RELEASE}-backend`;
export const WEBHOOK_PORT = 8443;
export const HEALTHZ_PORT = 10254;
export const OS_LINUX: { readonly [key: string]: string } = { 'kubernetes.io/os': 'linux' };

/** Labels a component's Services and selectors match on. */
export function selectorLabels(component: string): { [key: string]: string } {
  return { 'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/name': RELEASE };
}

/** Upstream's static-manifest labels (no Helm labels) of release `version`; cluster-wide RBAC has no component. */
export function labels(component: string | undefined, version: string): { [key: string]: string } {
  return {
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/instance': RELEASE,
    'app.kubernetes.io/name': RELEASE,
    'app.kubernetes.io/part-of': RELEASE,
    'app.kubernetes.io/version': version,
  };
}
