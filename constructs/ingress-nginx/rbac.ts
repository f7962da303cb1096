/**
 * The RBAC rules ingress-nginx v1.11.8 needs, as data. Written from upstream's static
 * manifest and chart (controller-role.yaml, clusterrole.yaml, admission-webhooks/job-patch/);
 * the unit tests compare them with upstream's rules, kept as fixture data.
 *
 * Internal to IngressNginxController: no construct here, only rule lists.
 */
import * as k8s from '../../imports/k8s';

const CORE = '';
const READ = ['get', 'list', 'watch'];

function rule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): k8s.PolicyRule {
  return { apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) };
}

/**
 * Rules of the controller's Role in its own namespace: its ConfigMap, the leader-election
 * Lease, events, and the namespaced objects it reads.
 * @internal
 */
export function controllerRoleRules(electionId: string, updateStatus: boolean): k8s.PolicyRule[] {
  return [
    rule([CORE], ['namespaces'], ['get']),
    rule([CORE], ['configmaps', 'pods', 'secrets', 'endpoints'], READ),
    rule([CORE], ['services'], READ),
    rule(['networking.k8s.io'], ['ingresses'], READ),
    // like the chart: without status updates (--update-status=false) the controller never writes ingresses/status
    ...(updateStatus ? [rule(['networking.k8s.io'], ['ingresses/status'], ['update'])] : []),
    rule(['networking.k8s.io'], ['ingressclasses'], READ),
    // leader election: get/update only the controller's own Lease; create can't be restricted by name
    rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], [electionId]),
    rule(['coordination.k8s.io'], ['leases'], ['create']),
    rule([CORE], ['events'], ['create', 'patch']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
  ];
}

/**
 * Rules of the controller's ClusterRole: it watches Ingresses, Services, Secrets and
 * EndpointSlices in every namespace and writes Ingress status.
 * @internal
 */
export function controllerClusterRoleRules(): k8s.PolicyRule[] {
  return [
    rule([CORE], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], ['list', 'watch']),
    rule(['coordination.k8s.io'], ['leases'], ['list', 'watch']),
    rule([CORE], ['nodes'], ['get']),
    rule([CORE], ['services'], READ),
    rule(['networking.k8s.io'], ['ingresses'], READ),
    rule([CORE], ['events'], ['create', 'patch']),
    rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
    rule(['networking.k8s.io'], ['ingressclasses'], READ),
    rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
  ];
}

/**
 * Rules of the certgen jobs' Role: read and create the webhook's certificate Secret.
 *
 * Narrower than upstream (which grants `get` on every Secret of the namespace): kube-webhook-certgen
 * only reads the Secret it was given by name (`GetCaFromSecret`), so `get` is limited to that name;
 * `create` cannot be limited by name in RBAC and stays as upstream has it.
 * @internal
 */
export function admissionRoleRules(secretName: string): k8s.PolicyRule[] {
  return [
    rule([CORE], ['secrets'], ['get'], [secretName]),
    rule([CORE], ['secrets'], ['create']),
  ];
}

/**
 * Rules of the certgen patch job's ClusterRole: write the CA bundle into the controller's
 * ValidatingWebhookConfiguration.
 *
 * Narrower than upstream (which grants get/update on every ValidatingWebhookConfiguration of the
 * cluster, enough to disable any admission webhook): `patch` gets and updates only the named one.
 * @internal
 */
export function admissionClusterRoleRules(webhookName: string): k8s.PolicyRule[] {
  return [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['get', 'update'], [webhookName])];
}
