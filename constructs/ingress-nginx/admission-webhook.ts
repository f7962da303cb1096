/**
 * The admission webhook of ingress-nginx: its Service, the ValidatingWebhookConfiguration, and
 * the certificate, either from upstream's kube-webhook-certgen Jobs or from cert-manager.
 *
 * Internal to IngressNginxController (it calls `addAdmissionWebhook`); the enums and the issuer
 * reference are public because they are props of the controller.
 */
import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { Certificate, Issuer } from '../../imports/cert-manager.io';
import { admissionClusterRoleRules, admissionRoleRules } from './rbac';

/**
 * Where the admission webhook's serving certificate comes from.
 * @stable
 */
export enum WebhookCertificateSource {
  /**
   * Upstream's way: a `create` Job generates a self-signed CA and certificate into a Secret, a
   * `patch` Job writes the CA into the webhook configuration. Needs nothing else in the cluster.
   */
  CERTGEN_JOBS = 'CertgenJobs',
  /**
   * cert-manager issues the certificate and its CA injector fills in the webhook's `caBundle`
   * (`cert-manager.io/inject-ca-from`). cert-manager must be installed first; no Jobs.
   */
  CERT_MANAGER = 'CertManager',
}

/**
 * What happens to the certgen Jobs (`WebhookCertificateSource.CERTGEN_JOBS`) once they finished.
 * For GitOps prefer `WebhookCertificateSource.CERT_MANAGER`, which has no Jobs (docs/gitops.md).
 * @experimental
 */
export enum CertgenJobLifecycle {
  /**
   * Upstream's manifests: `ttlSecondsAfterFinished: 0`, deleted as soon as they finish, so the
   * next `kubectl apply` creates them anew. A GitOps tool sees them missing: Argo CD stays
   * OutOfSync (argoproj/argo-cd#8586) and, when it runs them as hooks, can wait for them forever
   * (argo-cd#6880, kubernetes/ingress-nginx#13474); Flux re-creates and re-runs them.
   */
  DELETE_WHEN_FINISHED = 'DeleteWhenFinished',
  /**
   * For Argo CD and Flux: no TTL, the finished Jobs stay. Argo CD runs them as Sync hooks
   * (`argocd.argoproj.io/hook: Sync`, deleted before the next sync creates them again:
   * `hook-delete-policy: BeforeHookCreation`), so they never count as missing; Flux re-creates
   * them when their pod template changes (`kustomize.toolkit.fluxcd.io/force: enabled`, which
   * Flux documents for Jobs). With plain `kubectl apply`, a finished Job stays and a new certgen
   * image needs `kubectl delete job` first (its template is immutable).
   */
  KEEP_FOR_GITOPS = 'KeepForGitOps',
}

/** Annotations of the certgen Jobs under `CertgenJobLifecycle.KEEP_FOR_GITOPS`: inert for kubectl, each tool reads its own. */
export const GITOPS_JOB_ANNOTATIONS: { readonly [key: string]: string } = {
  'argocd.argoproj.io/hook': 'Sync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
  'kustomize.toolkit.fluxcd.io/force': 'enabled',
};

/**
 * What the API server does when the admission webhook cannot be reached.
 * @stable
 */
export enum WebhookFailurePolicy {
  /** Reject the Ingress (upstream's default): no unchecked configuration reaches nginx. */
  FAIL = 'Fail',
  /** Admit the Ingress unchecked. */
  IGNORE = 'Ignore',
}

/**
 * Kind of a cert-manager issuer.
 * @stable
 */
export enum CertManagerIssuerKind {
  /** A namespaced `Issuer` (must be in the `ingress-nginx` namespace). */
  ISSUER = 'Issuer',
  /** A cluster-wide `ClusterIssuer`. */
  CLUSTER_ISSUER = 'ClusterIssuer',
}

/**
 * An existing cert-manager issuer that signs the webhook's certificate.
 * @stable
 */
export interface CertManagerIssuerRef {
  /** Name of the Issuer or ClusterIssuer. It must fill in `ca.crt` (a CA or self-signed issuer), which the CA injector reads. */
  readonly name: string;
  /**
   * Kind of the issuer.
   * @default CertManagerIssuerKind.ISSUER
   */
  readonly kind?: CertManagerIssuerKind;
}

/** @internal */
export interface AdmissionWebhookSpec {
  readonly namespace: string;
  readonly fullname: string;
  readonly webhookName: string;
  readonly serviceName: string;
  readonly controllerSelector: { [key: string]: string };
  readonly controllerLabels: { [key: string]: string };
  readonly webhookLabels: { [key: string]: string };
  readonly failurePolicy: WebhookFailurePolicy;
  readonly source: WebhookCertificateSource;
  readonly certgenImage: string;
  /** The certgen container's runAsGroup, when the release's manifest sets one. */
  readonly certgenRunAsGroup?: number;
  /** Whether the release's manifest sets `automountServiceAccountToken: true` in the certgen pods. */
  readonly certgenPodToken?: boolean;
  readonly certgenPullPolicy: string;
  readonly certgenJobs: CertgenJobLifecycle;
  readonly issuer?: CertManagerIssuerRef;
  /** Removes metadata.namespace from cluster-scoped objects when the chart has a namespace. */
  readonly clusterScoped: (obj: ApiObject) => ApiObject;
}

/** The certgen container's security context with a runAsGroup (v1.15.1's manifest). */
function certgenSecurityContext(runAsGroup: number): k8s.SecurityContext {
  return { ...CERTGEN_SECURITY_CONTEXT, runAsGroup };
}

const CERTGEN_SECURITY_CONTEXT: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 65532,
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Adds the webhook's Service, configuration and certificate machinery under `scope`.
 * @internal
 */
export function addAdmissionWebhook(scope: Construct, spec: AdmissionWebhookSpec): void {
  const { namespace: ns, fullname } = spec;

  new k8s.KubeService(scope, 'AdmissionService', {
    metadata: { name: spec.serviceName, namespace: ns, labels: { ...spec.controllerLabels } },
    spec: {
      type: 'ClusterIP',
      selector: { ...spec.controllerSelector },
      ports: [{ name: 'https-webhook', port: 443, targetPort: k8s.IntOrString.fromString('webhook'), appProtocol: 'https' }],
    },
  });

  if (spec.source === WebhookCertificateSource.CERTGEN_JOBS) {
    addCertgen(scope, spec);
  } else {
    addCertManager(scope, spec);
  }

  spec.clusterScoped(new k8s.KubeValidatingWebhookConfiguration(scope, 'ValidatingWebhookConfiguration', {
    metadata: {
      name: fullname,
      labels: { ...spec.webhookLabels },
      annotations: spec.source === WebhookCertificateSource.CERT_MANAGER
        ? { 'cert-manager.io/inject-ca-from': `${ns}/${fullname}` }
        : undefined,
    },
    webhooks: [{
      name: spec.webhookName,
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: spec.serviceName, namespace: ns, path: '/networking/v1/ingresses', port: 443 } },
      failurePolicy: spec.failurePolicy,
      matchPolicy: 'Equivalent',
      rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
      sideEffects: 'None',
    }],
  }));
}

function addCertgen(scope: Construct, spec: AdmissionWebhookSpec): void {
  const { namespace: ns, fullname } = spec;
  const labels = spec.webhookLabels;
  new k8s.KubeServiceAccount(scope, 'AdmissionServiceAccount', {
    metadata: { name: fullname, namespace: ns, labels: { ...labels } },
    automountServiceAccountToken: true,
  });
  new k8s.KubeRole(scope, 'AdmissionRole', {
    metadata: { name: fullname, namespace: ns, labels: { ...labels } },
    rules: admissionRoleRules(fullname),
  });
  spec.clusterScoped(new k8s.KubeClusterRole(scope, 'AdmissionClusterRole', {
    metadata: { name: fullname, labels: { ...labels } },
    rules: admissionClusterRoleRules(fullname),
  }));
  const subjects = [{ kind: 'ServiceAccount', name: fullname, namespace: ns }];
  new k8s.KubeRoleBinding(scope, 'AdmissionRoleBinding', {
    metadata: { name: fullname, namespace: ns, labels: { ...labels } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: fullname },
    subjects,
  });
  spec.clusterScoped(new k8s.KubeClusterRoleBinding(scope, 'AdmissionClusterRoleBinding', {
    metadata: { name: fullname, labels: { ...labels } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: fullname },
    subjects,
  }));

  const service = spec.serviceName;
  const job = (id: string, container: string, args: string[]): void => {
    const name = `${fullname}-${container}`;
    const keep = spec.certgenJobs === CertgenJobLifecycle.KEEP_FOR_GITOPS;
    new k8s.KubeJob(scope, id, {
      metadata: { name, namespace: ns, labels: { ...labels }, annotations: keep ? { ...GITOPS_JOB_ANNOTATIONS } : undefined },
      spec: {
        // DELETE_WHEN_FINISHED: finished Jobs are deleted at once, so the next `kubectl apply` creates
        // them anew instead of patching a Job whose pod template is immutable. create is idempotent
        // (it keeps an existing Secret); patch re-writes the same CA.
        ttlSecondsAfterFinished: keep ? undefined : 0,
        template: {
          metadata: { name, labels: { ...labels } },
          spec: {
            automountServiceAccountToken: spec.certgenPodToken ? true : undefined,
            containers: [{
              name: container,
              image: spec.certgenImage,
              imagePullPolicy: spec.certgenPullPolicy,
              args,
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              securityContext: spec.certgenRunAsGroup !== undefined ? certgenSecurityContext(spec.certgenRunAsGroup) : CERTGEN_SECURITY_CONTEXT,
            }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            restartPolicy: 'OnFailure',
            serviceAccountName: fullname,
          },
        },
      },
    });
  };
  job('CertgenCreateJob', 'create', [
    'create',
    `--host=${service},${service}.$(POD_NAMESPACE).svc`,
    '--namespace=$(POD_NAMESPACE)',
    `--secret-name=${fullname}`,
  ]);
  job('CertgenPatchJob', 'patch', [
    'patch',
    `--webhook-name=${fullname}`,
    '--namespace=$(POD_NAMESPACE)',
    '--patch-mutating=false',
    `--secret-name=${fullname}`,
    `--patch-failure-policy=${spec.failurePolicy}`,
  ]);
}

function addCertManager(scope: Construct, spec: AdmissionWebhookSpec): void {
  const { namespace: ns, fullname } = spec;
  const labels = spec.webhookLabels;
  // The chart's names: <release>-self-signed-issuer, <release>-root-cert, <release>-root-issuer.
  const release = ns;
  let issuerRef: { name: string; kind?: string };
  if (spec.issuer) {
    issuerRef = { name: spec.issuer.name, kind: spec.issuer.kind ?? CertManagerIssuerKind.ISSUER };
  } else {
    new Issuer(scope, 'SelfSignedIssuer', {
      metadata: { name: `${release}-self-signed-issuer`, namespace: ns, labels: { ...labels } },
      spec: { selfSigned: {} },
    });
    new Certificate(scope, 'RootCertificate', {
      metadata: { name: `${release}-root-cert`, namespace: ns, labels: { ...labels } },
      spec: {
        secretName: `${release}-root-cert`,
        duration: '43800h0m0s',
        issuerRef: { name: `${release}-self-signed-issuer` },
        commonName: 'ca.webhook.ingress-nginx',
        isCa: true,
        subject: { organizations: ['ingress-nginx'] },
      },
    });
    new Issuer(scope, 'RootIssuer', {
      metadata: { name: `${release}-root-issuer`, namespace: ns, labels: { ...labels } },
      spec: { ca: { secretName: `${release}-root-cert` } },
    });
    issuerRef = { name: `${release}-root-issuer` };
  }
  const service = spec.serviceName;
  new Certificate(scope, 'AdmissionCertificate', {
    metadata: { name: fullname, namespace: ns, labels: { ...labels } },
    spec: {
      secretName: fullname,
      duration: '8760h0m0s',
      issuerRef,
      dnsNames: [service, `${service}.${ns}`, `${service}.${ns}.svc`],
      subject: { organizations: ['ingress-nginx-admission'] },
    },
  });
}
