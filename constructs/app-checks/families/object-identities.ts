/**
 * `object-identity`: two objects of one kind with the same namespace and name are one object on
 * the cluster: `kubectl apply -f dist` lets the last file overwrite the first, and every other
 * check would reason about an object that will not exist. It happens across charts, and within one
 * chart when two construct ids derive the same name (`Café` and `Cafè` both become `caf`).
 *
 * The identity is API group + kind + namespace + name (the version does not matter: `v1` and
 * `v1beta1` of one group are the same object). A missing namespace is the namespace the object will
 * land in: cdk8s writes the chart's namespace into every object of a chart that has one, so a
 * namespace still missing means the chart has none, and `kubectl apply` puts the object in the
 * context's namespace, taken to be `default` (as `normalizeNamespace` does everywhere in the
 * checks); cluster-scoped kinds have no namespace.
 */
import { duplicate } from '../../core/problem';
import { AppModel } from '../app-model';
import { error, Finding } from '../findings';

/** Built-in and bundled-CRD kinds that are cluster-scoped, by `group/kind` (`''` is the core group). */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'networking.k8s.io/IngressClass', 'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment', 'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', 'policy/PodSecurityPolicy',
  'cert-manager.io/ClusterIssuer', 'gateway.networking.k8s.io/GatewayClass',
]);

function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Every object whose group, kind, namespace and name an earlier object of the app already has: an error naming the first. */
export function checkObjectIdentities(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, string>();
  for (const o of model.objects) {
    const name = o.json.metadata?.name;
    if (typeof name !== 'string' || name === '') continue;
    const groupKind = `${groupOf(o.json.apiVersion)}/${o.json.kind}`;
    const clusterScoped = CLUSTER_SCOPED.has(groupKind);
    const key = `${groupKind}|${clusterScoped ? '' : o.namespace}|${name}`;
    const other = first.get(key);
    if (other === undefined) {
      first.set(key, o.path);
      continue;
    }
    const where = clusterScoped ? '(cluster-scoped)' : `in namespace ${JSON.stringify(o.namespace)}` +
      (o.json.metadata?.namespace ? '' : ' (no namespace set: the chart has none, so kubectl applies it to the default namespace)');
    findings.push(error(o.path, 'object-identity', duplicate('metadata.name', name, `${o.json.kind} ${JSON.stringify(name)} ${where} is also ` +
      `defined by ${other === o.path ? 'another object of the same construct' : other}; on the cluster they are one object and ` +
      '`kubectl apply -f dist` keeps only the last; allowed: a name (or namespace) no other object of that kind uses ' +
      '(names derived from construct ids: set props.name)')));
  }
  return findings;
}
