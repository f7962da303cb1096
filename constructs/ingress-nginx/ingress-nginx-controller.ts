/**
 * The ingress-nginx controller (v1.11.8) rendered natively, so that `kubectl apply -f dist`
 * installs it without Helm.
 *
 * Facts (RBAC rules, args, ports, probes, security contexts, webhook, certgen Jobs) come from
 * upstream's static bare-metal manifest and chart 4.11.8; the code is our own. The differences
 * are listed in docs/ingress-nginx-controller.md and asserted in the tests.
 *
 * The concerns live in their own files: props.ts (props and enums), images.ts, tolerations.ts,
 * resolve.ts (defaults, and every rule's problems collected), controller-rules.ts and
 * toleration-rules.ts (the rules), flags.ts (args, host listeners and their rules),
 * controller-workload.ts, default-backend.ts, admission-webhook.ts, rbac.ts and helm-values.ts.
 * This file is the construct.
 */
import { INGRESS_NGINX_RULE_FAMILIES } from '../targets/ingress-nginx/checks';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { DnsPolicy } from '../core/enums';
import { ProblemList } from '../core/errors';
import { sortKeys } from '../core/records';
import { Warnings } from '../core/warnings';
import { PodSecurityLabels } from '../core/pod-security-labels';
import { addAdmissionWebhook, WebhookCertificateSource } from './admission-webhook';
import { singleControllerProblems } from './controller-rules';
import { renderControllerWorkload } from './controller-workload';
import { renderDefaultBackend } from './default-backend';
import { buildHelmValues, helmValuesYaml } from './helm-values';
import {
  ADMISSION_NAME, CONTROLLER_CLASS, CONTROLLER_NAME, ELECTION_ID, INGRESS_CLASS, NAMESPACE, RELEASE, labels, selectorLabels,
} from './names';
import { ControllerKind, ControllerServiceType, HostListener, IngressNginxControllerProps } from './props';
import { controllerClusterRoleRules, controllerRoleRules } from './rbac';
import { IngressNginxRelease } from './release';
import { Resolved, resolveProps } from './resolve';
import { Toleration } from './tolerations';

/**
 * The ingress-nginx controller v1.11.8 with everything it needs, as plain Kubernetes objects:
 * namespace `ingress-nginx`, service accounts, RBAC, the controller ConfigMap (snippet
 * annotations off), the DaemonSet or Deployment, IngressClass `nginx`, optionally a default
 * backend and a controller Service, and the validating admission webhook with its certificate
 * (certgen Jobs or cert-manager). Object names are upstream's, so one controller per app.
 *
 * **ingress-nginx is retired**: upstream ended maintenance in March 2026; there are no further
 * releases or security fixes. For new work use a Gateway API implementation.
 *
 * v1.11.8 is the last release that supports Kubernetes 1.27.
 *
 * @example
 * // a hostNetwork DaemonSet on every Linux node, with SSL passthrough and a default backend
 * new IngressNginxController(chart, 'IngressNginx', {
 *   kind: ControllerKind.DAEMON_SET,
 *   hostNetwork: true,
 *   dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
 *   enableSslPassthrough: true,
 *   serviceType: ControllerServiceType.NONE,
 *   defaultBackend: true,
 * });
 * @stable
 */
export class IngressNginxController extends Construct {
  /** All controllers in the app that `scope` belongs to, in construct-tree order. */
  public static find(scope: IConstruct): IngressNginxController[] {
    return scope.node.root.node.findAll().filter((c): c is IngressNginxController => c instanceof IngressNginxController);
  }

  /** The controllers in `scope`'s app that serve IngressClass `ingressClassName`. */
  public static forIngressClass(scope: IConstruct, ingressClassName: string): IngressNginxController[] {
    return IngressNginxController.find(scope).filter(c => c.ingressClassName === ingressClassName);
  }

  /** The namespace of every namespaced object. */
  public readonly namespace: string = NAMESPACE;
  /** The IngressClass it creates and serves. */
  public readonly ingressClassName: string = INGRESS_CLASS;
  /** `spec.controller` of the IngressClass (`--controller-class`). */
  public readonly controllerClass: string = CONTROLLER_CLASS;
  /** DaemonSet or Deployment. */
  /** The ingress-nginx release rendered. */
  public readonly release: IngressNginxRelease;
  public readonly kind: ControllerKind;
  /** Whether the pods use the nodes' network. */
  public readonly hostNetwork: boolean;
  /** Whether the pods map 80/443 with hostPort. */
  public readonly usesHostPorts: boolean;
  /**
   * Ports the controller occupies on each node it runs on, sorted: with hostNetwork every
   * listener in `hostListeners` (the controller refuses to start if one is taken); with
   * `useHostPorts` 80 and 443; else none.
   */
  public readonly hostPorts: number[];
  /** The listeners behind `hostPorts`, with what they are and the flag that moves them. */
  public readonly hostListeners: HostListener[];
  /** Whether the controller runs with `--enable-ssl-passthrough`. */
  public readonly sslPassthroughEnabled: boolean;
  /** Node labels the controller pods require (includes `kubernetes.io/os: linux`). */
  public readonly nodeSelector: { [key: string]: string };
  /** Tolerations of the controller pods. */
  public readonly tolerations: Toleration[];
  /** The controller container's args, in order. */
  public readonly args: string[];
  /** Labels of the controller pods that its Services select on. */
  public readonly selectorLabels: { [key: string]: string };
  /** Whether a default backend is deployed. */
  public readonly defaultBackendEnabled: boolean;
  /** Whether the admission webhook is installed. */
  public readonly admissionWebhookEnabled: boolean;
  /** The webhook certificate's source (when the webhook is on). */
  public readonly webhookCertificate?: WebhookCertificateSource;
  /** The controller Service type. */
  public readonly serviceType: ControllerServiceType;
  /** The DaemonSet or Deployment. */
  public readonly workload: ApiObject;

  private readonly helmValues: any;

  constructor(scope: Construct, id: string, props: IngressNginxControllerProps = {}) {
    super(scope, id);
    // every problem of the props in one error; a failed controller leaves nothing in the tree
    const problems = new ProblemList().add(singleControllerProblems(IngressNginxController.find(this).filter(c => c !== this)));
    const o = resolveProps(props, problems);
    problems.throwIfAny(this);

    this.release = o.release;
    this.kind = o.kind;
    this.hostNetwork = o.hostNetwork;
    this.usesHostPorts = o.useHostPorts;
    this.hostListeners = o.hostListeners;
    this.hostPorts = o.hostListeners.map(l => l.port);
    this.sslPassthroughEnabled = o.passthrough;
    this.nodeSelector = { ...o.nodeSelector };
    this.tolerations = o.tolerations.map(t => ({ ...t }));
    this.args = [...o.args];
    this.defaultBackendEnabled = o.defaultBackend;
    this.admissionWebhookEnabled = o.webhook;
    this.webhookCertificate = o.webhook ? o.certSource : undefined;
    this.serviceType = o.serviceType;
    this.selectorLabels = selectorLabels('controller');
    this.helmValues = buildHelmValues(o);

    if (o.hostNetwork && o.dnsPolicy === DnsPolicy.CLUSTER_FIRST) {
      Warnings.of(this).add('dnsPolicy ClusterFirst with hostNetwork falls back to the node\'s resolv.conf, so the controller ' +
        'cannot resolve cluster names (ExternalName backends, auth-url to Services): use DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET');
    }

    this.workload = this.render(o);
    if (o.webhook && o.certSource === WebhookCertificateSource.CERTGEN_JOBS) {
      // the certgen create Job writes it at install time
      CrossObjectChecks.declareExternalSecret(this, ADMISSION_NAME, NAMESPACE);
    }
    // its host ports and the passthrough flag join the app-wide checks
    CrossObjectChecks.registerIngressController(this, {
      ingressClassName: this.ingressClassName,
      sslPassthroughEnabled: this.sslPassthroughEnabled,
      hostPorts: [...this.hostPorts],
      nodeSelector: { ...this.nodeSelector },
    });
    // what its Ingresses need of it (ssl-passthrough, snippets, one certificate per host), also for Ingresses written by hand
    CrossObjectChecks.of(this)._addRuleFamilies(INGRESS_NGINX_RULE_FAMILIES);
  }

  /**
   * The chart 4.11.8 values that install the same controller with Helm
   * (`helm install ingress-nginx ingress-nginx/ingress-nginx --version 4.11.8 -n ingress-nginx
   * --create-namespace -f values.yaml`). A fresh copy on every call.
   */
  public toHelmValues(): any {
    return JSON.parse(JSON.stringify(this.helmValues));
  }

  /** `toHelmValues()` as a YAML document with a header comment. */
  public toHelmValuesYaml(): string {
    return helmValuesYaml(this.helmValues, this.release);
  }

  private render(o: Resolved): ApiObject {
    const ns = NAMESPACE;
    const controllerLabels = labels('controller', o.release.version);
    const clusterScoped = (obj: ApiObject): ApiObject => {
      // cdk8s copies a chart's namespace onto every object; cluster-scoped ones must not carry one
      if (Chart.of(this).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      return obj;
    };

    clusterScoped(new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: ns,
        labels: {
          'app.kubernetes.io/instance': RELEASE,
          'app.kubernetes.io/name': RELEASE,
          // hostNetwork / hostPort pods break the baseline standard: admitted where baseline is enforced by default
          ...(o.hostNetwork || o.useHostPorts ? PodSecurityLabels.forHostAccess() : {}),
        },
      },
    }));

    this.renderAccess(o, clusterScoped);

    new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: CONTROLLER_NAME, namespace: ns, labels: controllerLabels },
      // snippets off (CVE-2021-25742); strict path types on, as ingress-nginx v1.12 defaults (v1.11.8 has the key, default false)
      data: sortKeys({ ...o.config, 'allow-snippet-annotations': 'false', 'strict-validate-path-type': 'true' }),
    });

    if (o.serviceType === ControllerServiceType.NODE_PORT) {
      new k8s.KubeService(this, 'Service', {
        metadata: { name: CONTROLLER_NAME, namespace: ns, labels: controllerLabels },
        spec: {
          type: 'NodePort',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          selector: selectorLabels('controller'),
          ports: [
            { name: 'http', appProtocol: 'http', port: 80, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('http') },
            { name: 'https', appProtocol: 'https', port: 443, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('https') },
          ],
        },
      });
    }

    if (o.defaultBackend) renderDefaultBackend(this, o);

    const workload = renderControllerWorkload(this, o);

    if (o.webhook) {
      addAdmissionWebhook(this, {
        namespace: ns,
        fullname: ADMISSION_NAME,
        webhookName: 'validate.nginx.ingress.kubernetes.io',
        serviceName: `${CONTROLLER_NAME}-admission`,
        controllerSelector: selectorLabels('controller'),
        controllerLabels,
        webhookLabels: labels('admission-webhook', o.release.version),
        certgenRunAsGroup: o.release._facts.certgenRunAsGroup,
        certgenPodToken: o.release._facts.podToken,
        failurePolicy: o.failurePolicy,
        source: o.certSource,
        certgenImage: o.certgenImage.reference,
        certgenPullPolicy: o.pullPolicy,
        certgenJobs: o.certgenJobs,
        issuer: o.issuer,
        clusterScoped,
      });
    }

    clusterScoped(new k8s.KubeIngressClass(this, 'IngressClass', {
      metadata: {
        name: INGRESS_CLASS,
        labels: controllerLabels,
        annotations: o.defaultIngressClass ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : undefined,
      },
      spec: { controller: CONTROLLER_CLASS },
    }));
    return workload;
  }

  /** The controller's ServiceAccount, Role and ClusterRole, and their bindings. */
  private renderAccess(o: Resolved, clusterScoped: (obj: ApiObject) => ApiObject): void {
    const ns = NAMESPACE;
    const controllerLabels = labels('controller', o.release.version);
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: RELEASE, namespace: ns, labels: controllerLabels },
      automountServiceAccountToken: true,
    });
    new k8s.KubeRole(this, 'Role', {
      metadata: { name: RELEASE, namespace: ns, labels: controllerLabels },
      rules: controllerRoleRules(ELECTION_ID, o.extraArgs['update-status'] !== 'false'),
    });
    const clusterLabels = labels(undefined, o.release.version);
    clusterScoped(new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: RELEASE, labels: clusterLabels },
      rules: controllerClusterRoleRules(),
    }));
    const subjects = [{ kind: 'ServiceAccount', name: RELEASE, namespace: ns }];
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: RELEASE, namespace: ns, labels: controllerLabels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: RELEASE },
      subjects,
    });
    clusterScoped(new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: RELEASE, labels: clusterLabels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: RELEASE },
      subjects,
    }));
  }
}
