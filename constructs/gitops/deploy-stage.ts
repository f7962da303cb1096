/**
 * The stages an app's objects are applied in, from the kinds alone: what a GitOps tool (Argo CD
 * sync waves, Flux Kustomizations with dependsOn) and `npm run lab:up` wait between. The
 * dependencies between objects (./dependencies.ts) can move an object to a later stage
 * (./deploy-plan.ts); never to an earlier one.
 */

/**
 * A stage of applying an app: each stage is applied, then waited for, before the next.
 * @experimental
 */
export enum DeployStage {
  /** Namespaces, RBAC, ServiceAccounts, ConfigMaps, Secrets, CRDs: objects nothing has to act on (Argo CD wave 0). */
  FOUNDATION = 'foundation',
  /** Ingress and Gateway API controllers and their admission webhooks (wave 1): what later objects are admitted by or handed to. */
  CONTROLLERS = 'controllers',
  /** cert-manager Issuers, ClusterIssuers and Certificates, trust-manager Bundles (wave 2): the Secrets and ConfigMaps workloads mount. */
  CERTIFICATES = 'certificates',
  /** The apps' workloads and their Services (wave 3). */
  WORKLOADS = 'workloads',
  /** Ingresses, Gateways and routes (wave 4): admitted by the controllers' webhooks, serving the certificates. */
  ROUTES = 'routes',
}

/** The stages in the order they are applied; a stage's index is its Argo CD sync wave. */
export const DEPLOY_STAGES: readonly DeployStage[] = [
  DeployStage.FOUNDATION, DeployStage.CONTROLLERS, DeployStage.CERTIFICATES, DeployStage.WORKLOADS, DeployStage.ROUTES,
];

/** The index of a stage (its sync wave). */
export function stageIndex(stage: DeployStage): number {
  return DEPLOY_STAGES.indexOf(stage);
}

/** `apps`, `networking.k8s.io`, '' for the core group. */
export function apiGroupOf(obj: any): string {
  const apiVersion = String(obj?.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const ROUTE_KINDS = new Set(['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ListenerSet', 'ReferenceGrant', 'BackendTLSPolicy']);
const CONTROLLER_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'IngressClass', 'APIService']);

/** Whether `obj` runs pods (its pod spec is `podSpecOf(obj)`). */
export function isWorkload(obj: any): boolean {
  return WORKLOAD_KINDS.has(obj?.kind) && (apiGroupOf(obj) === '' || apiGroupOf(obj) === 'apps' || apiGroupOf(obj) === 'batch');
}

/**
 * The stage of an object from its kind alone; `controller` says that the object is part of a
 * controller (a workload behind an admission webhook's Service, or one that writes webhook
 * configurations), which only the other objects can tell.
 */
export function kindStage(obj: any, controller: boolean): DeployStage {
  const group = apiGroupOf(obj);
  const kind = obj?.kind;
  if (group === 'networking.k8s.io' && kind === 'Ingress') return DeployStage.ROUTES;
  if (group === 'gateway.networking.k8s.io' && ROUTE_KINDS.has(kind)) return DeployStage.ROUTES;
  if (group === 'cert-manager.io' || (group === 'trust.cert-manager.io' && kind === 'Bundle')) return DeployStage.CERTIFICATES;
  if (controller || CONTROLLER_KINDS.has(kind) || (group === 'gateway.networking.k8s.io' && kind === 'GatewayClass')) {
    return DeployStage.CONTROLLERS;
  }
  if (isWorkload(obj)) return DeployStage.WORKLOADS;
  return DeployStage.FOUNDATION;
}
