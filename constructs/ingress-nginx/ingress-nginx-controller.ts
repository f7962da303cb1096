/**
 * The ingress-nginx controller (v1.11.8) rendered natively, so that `kubectl apply -f dist`
 * installs it without Helm: experiment 1 of the lab (section 9.5).
 *
 * Facts (RBAC rules, args, ports, probes, security contexts, webhook, certgen Jobs) come from
 * upstream's static bare-metal manifest and chart 4.11.8; the code is our own. The differences
 * are listed in docs/ingress-nginx-controller.md and asserted in the tests.
 */
import { ApiObject, Chart, JsonPatch, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { DnsPolicy, ImagePullPolicy } from '../core/enums';
import { sortKeys } from '../core/records';
import { validateDnsPolicy } from '../validation/pod-rules';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { pathOf } from '../core/naming';
import { reject } from '../core/errors';
import { validateDns1123Subdomain } from '../validation/names';
import { validateIntegerRange, validateOneOf } from '../validation/values';
import { validateLabelKey, validateLabels, validateLabelValue } from '../validation/labels';
import { validatePortNumber } from '../validation/ports';
import { controllerClusterRoleRules, controllerRoleRules } from './rbac';
import {
  addAdmissionWebhook, CertManagerIssuerKind, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy,
} from './admission-webhook';
import { Warnings } from '../core/warnings';

export { CertManagerIssuerKind, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy } from './admission-webhook';

/** The controller release these constructs render. */
export const INGRESS_NGINX_VERSION = '1.11.8';

// ---------------------------------------------------------------------------------- images

/** Parts of a container image reference, as the chart's `image:` values take them. */
export interface IngressNginxImageOptions {
  /** Registry host, optionally with a port and a path prefix, e.g. `registry.k8s.io` or `registry.hub.docker.com`. */
  readonly registry: string;
  /** Repository inside the registry, e.g. `ingress-nginx/controller`. */
  readonly image: string;
  /** Tag, e.g. `v1.11.8`. */
  readonly tag: string;
  /**
   * Digest pinning the exact image, `sha256:<64 hex>`; a mirror has other digests, so clear it there.
   * @default - none: the tag alone selects the image
   */
  readonly digest?: string;
}

/**
 * A container image of ingress-nginx, split like the chart's values (registry / image / tag /
 * digest) so that a mirror can replace any part, as the lab does for registries it cannot reach.
 *
 * @example
 * // the lab's Docker Hub mirror of the controller (its digest differs, so drop upstream's)
 * IngressNginxImage.CONTROLLER.withRegistry('registry.hub.docker.com')
 *   .withImage('davidliyutong/ingress-nginx-controller').withoutDigest();
 */
export class IngressNginxImage {
  /** registry.k8s.io/ingress-nginx/controller:v1.11.8 pinned by digest. */
  public static readonly CONTROLLER = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/controller', tag: 'v1.11.8',
    digest: 'sha256:695d79381ee6af00c7f5c9fd434f50851d7d32838ad5b2c507e416cf2084fc79',
  });

  /** registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.0 pinned by digest (chart 4.11.8's). */
  public static readonly KUBE_WEBHOOK_CERTGEN = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/kube-webhook-certgen', tag: 'v1.6.0',
    digest: 'sha256:c9f76a75fd00e975416ea1b73300efd413116de0de8570346ed90766c5b5cefb',
  });

  /** registry.k8s.io/defaultbackend-amd64:1.5 (the chart pins no digest; amd64 nodes only). */
  public static readonly DEFAULT_BACKEND = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'defaultbackend-amd64', tag: '1.5',
  });

  /** Any image, from its parts. */
  public static of(options: IngressNginxImageOptions): IngressNginxImage {
    return new IngressNginxImage(options);
  }

  /** Registry host (and optional path prefix). */
  public readonly registry: string;
  /** Repository inside the registry. */
  public readonly image: string;
  /** Tag. */
  public readonly tag: string;
  /** Digest, if pinned. */
  public readonly digest?: string;

  private constructor(options: IngressNginxImageOptions) {
    this.registry = options.registry;
    this.image = options.image;
    this.tag = options.tag;
    this.digest = options.digest === '' ? undefined : options.digest;
  }

  /** The same image from another registry (keeps the digest: clear it with `withoutDigest()` for a re-pushed copy). */
  public withRegistry(registry: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), registry });
  }

  /** Another repository name (e.g. a mirror's `davidliyutong/ingress-nginx-controller`). */
  public withImage(image: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), image });
  }

  /** Another tag; the digest is dropped since it belonged to the old tag. */
  public withTag(tag: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), tag, digest: undefined });
  }

  /** Pins a digest. */
  public withDigest(digest: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), digest });
  }

  /** Selects by tag only. */
  public withoutDigest(): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), digest: undefined });
  }

  /** `registry/image:tag[@digest]`, as the chart composes it. */
  public get reference(): string {
    return `${this.registry}/${this.image}:${this.tag}${this.digest ? `@${this.digest}` : ''}`;
  }

  private options(): IngressNginxImageOptions {
    return { registry: this.registry, image: this.image, tag: this.tag, digest: this.digest };
  }
}

// ---------------------------------------------------------------------------------- enums and options

/** The workload that runs the controller pods. */
export enum ControllerKind {
  /** One pod per (selected) node: the lab's choice, with hostNetwork every node serves 80/443. */
  DAEMON_SET = 'DaemonSet',
  /** A fixed number of pods (upstream's default). */
  DEPLOYMENT = 'Deployment',
}

/** The controller Service in front of the pods. */
export enum ControllerServiceType {
  /** No controller Service (the lab's hostNetwork setup: clients reach the nodes directly). */
  NONE = 'None',
  /** A NodePort Service for http/https, as in upstream's bare-metal manifest. */
  NODE_PORT = 'NodePort',
}

/** How a toleration matches a taint. */
export enum TolerationOperator {
  /** Matches any value of the key (or any taint, without a key). */
  EXISTS = 'Exists',
  /** Matches the key with exactly this value. */
  EQUAL = 'Equal',
}

/** A taint effect. */
export enum TaintEffect {
  /** Pods that don't tolerate the taint are not scheduled there. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler tries to avoid the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods that don't tolerate the taint are also evicted. */
  NO_EXECUTE = 'NoExecute',
}

/** A pod toleration, e.g. to run the controller on tainted control-plane nodes. */
export interface Toleration {
  /**
   * Taint key; empty with `EXISTS` tolerates every taint.
   * @default - all keys (operator must be EXISTS)
   */
  readonly key?: string;
  /**
   * How the value matches.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * Taint value (EQUAL only).
   * @default ''
   */
  readonly value?: string;
  /**
   * Taint effect to tolerate.
   * @default - all effects
   */
  readonly effect?: TaintEffect;
  /**
   * NO_EXECUTE only: how long the pod stays after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** A port the controller opens on every node it runs on (hostNetwork or hostPort). */
export interface HostListener {
  /** The port number (TCP). */
  readonly port: number;
  /** What listens there. */
  readonly purpose: string;
  /** The controller flag that sets it. */
  readonly flag: string;
}

// ---------------------------------------------------------------------------------- props

/** Props of {@link IngressNginxController}. Defaults are upstream's unless said otherwise. */
export interface IngressNginxControllerProps {
  /**
   * DaemonSet (the lab) or Deployment.
   * @default ControllerKind.DEPLOYMENT
   */
  readonly kind?: ControllerKind;
  /**
   * Number of controller pods; DEPLOYMENT only.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Run the controller in the nodes' network namespace: it listens on 80/443 (and its internal
   * ports, see `hostPorts`) of every node it runs on. The lab's choice, with no load balancer.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Map node ports 80/443 to the pods' http/https ports with `hostPort` (the chart's
   * `controller.hostPort.enabled`). Excludes `hostNetwork`.
   * @default false
   */
  readonly useHostPorts?: boolean;
  /**
   * DNS policy of the controller pods.
   * @default - DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET with hostNetwork (the lab's value; otherwise
   * Kubernetes silently falls back to the node's resolv.conf), else DnsPolicy.CLUSTER_FIRST
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * Add `--enable-ssl-passthrough`, which TlsIngress's PASSTHROUGH mode needs (experiment 7).
   * The controller then answers 443 with a TCP proxy choosing by SNI, and nginx moves to 442.
   * @default false
   */
  readonly enableSslPassthrough?: boolean;
  /**
   * Extra controller flags, `{ 'flag-name': 'value' }` -> `--flag-name=value`; an empty value gives
   * `--flag-name`. Rendered sorted by name, after the construct's own flags (like the chart).
   * Flags the construct manages are refused.
   * @default - none
   */
  readonly extraArgs?: { [flag: string]: string };
  /**
   * With hostNetwork: report the nodes' InternalIP in Ingress status instead of their ExternalIP
   * (`--report-node-internal-ip-address`). Without it the controller reports a node's ExternalIP,
   * else its InternalIP.
   * @default false
   */
  readonly reportNodeInternalIp?: boolean;
  /**
   * The controller Service. `--publish-service` is never set (as in upstream's bare-metal
   * manifest): Ingress status lists the controller pods' node addresses.
   * @default - ControllerServiceType.NONE with hostNetwork (the lab), else ControllerServiceType.NODE_PORT
   */
  readonly serviceType?: ControllerServiceType;
  /**
   * Labels of the nodes to run the controller on (e.g. the seed's commented `role: lb`); merged
   * over `kubernetes.io/os: linux`.
   * @default { 'kubernetes.io/os': 'linux' }
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Tolerations of the controller pods (a DaemonSet skips tainted nodes without them).
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Controller image.
   * @default IngressNginxImage.CONTROLLER
   */
  readonly controllerImage?: IngressNginxImage;
  /**
   * Pull policy of every image.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Deploy the default backend (a 404 page for requests no Ingress matches) and point the
   * controller at it (`--default-backend-service`).
   * @default false
   */
  readonly defaultBackend?: boolean;
  /**
   * Default backend image; needs `defaultBackend`.
   * @default IngressNginxImage.DEFAULT_BACKEND
   */
  readonly defaultBackendImage?: IngressNginxImage;
  /**
   * The validating admission webhook, which rejects Ingresses nginx could not load.
   * @default true
   */
  readonly admissionWebhook?: boolean;
  /**
   * Where the webhook's certificate comes from; needs `admissionWebhook`.
   * @default WebhookCertificateSource.CERTGEN_JOBS
   */
  readonly webhookCertificate?: WebhookCertificateSource;
  /**
   * CERT_MANAGER only: an existing issuer to sign the webhook certificate.
   * @default - a self-signed root CA and CA Issuer in the namespace, as the chart creates them
   */
  readonly certManagerIssuer?: CertManagerIssuerRef;
  /**
   * What the API server does with an Ingress when the webhook can't be reached (e.g. while the
   * controller starts); needs `admissionWebhook`.
   * @default WebhookFailurePolicy.FAIL
   */
  readonly webhookFailurePolicy?: WebhookFailurePolicy;
  /**
   * kube-webhook-certgen image; needs CERTGEN_JOBS.
   * @default IngressNginxImage.KUBE_WEBHOOK_CERTGEN
   */
  readonly certgenImage?: IngressNginxImage;
  /**
   * Extra data of the controller ConfigMap (nginx settings such as `use-forwarded-headers`).
   * `allow-snippet-annotations` stays "false" and cannot be set here.
   * @default - none
   */
  readonly config?: { [key: string]: string };
  /**
   * Mark IngressClass `nginx` as the cluster's default (Ingresses without a class get it).
   * @default false
   */
  readonly defaultIngressClass?: boolean;
}

// ---------------------------------------------------------------------------------- fixed names

const NAMESPACE = 'ingress-nginx';
const RELEASE = 'ingress-nginx';
const CONTROLLER_NAME = `${RELEASE}-controller`;
const ELECTION_ID = `${RELEASE}-leader`;
const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
const INGRESS_CLASS = 'nginx';
const ADMISSION_NAME = `${RELEASE}-admission`;
const DEFAULT_BACKEND_NAME = `${RELEASE}-defaultbackend`;
const DEFAULT_BACKEND_SA = `${RELEASE}-backend`;
const WEBHOOK_PORT = 8443;
const HEALTHZ_PORT = 10254;
const OS_LINUX = { 'kubernetes.io/os': 'linux' };

/** Flags the construct sets itself, and the prop to use instead. */
const MANAGED_FLAGS: { [flag: string]: string } = {
  'election-id': 'fixed to ingress-nginx-leader (the Role grants that Lease)',
  'controller-class': 'fixed to k8s.io/ingress-nginx (IngressClass nginx)',
  'ingress-class': 'fixed to nginx',
  'configmap': 'fixed to the construct\'s ConfigMap; use props.config',
  'validating-webhook': 'use props.admissionWebhook',
  'validating-webhook-certificate': 'use props.admissionWebhook',
  'validating-webhook-key': 'use props.admissionWebhook',
  'default-backend-service': 'use props.defaultBackend',
  'publish-service': 'not supported: status is reported from the controller pods\' nodes',
  'enable-ssl-passthrough': 'use props.enableSslPassthrough',
  'report-node-internal-ip-address': 'use props.reportNodeInternalIp',
  'enable-metrics': 'fixed to false as upstream (no metrics port or Service)',
  'http-port': 'fixed to 80 (the container port, probes and host ports follow it)',
  'https-port': 'fixed to 443 (the container port, probes and host ports follow it)',
  'healthz-port': 'fixed to 10254 (the probes use it)',
};

/** Internal listener flags that may be moved with extraArgs (the listeners follow them). */
const INTERNAL_LISTENERS: { flag: string; port: number; purpose: string; when: 'always' | 'passthrough' }[] = [
  { flag: 'ssl-passthrough-proxy-port', port: 442, purpose: 'nginx HTTPS behind the SSL-passthrough proxy on 443', when: 'passthrough' },
  { flag: 'default-server-port', port: 8181, purpose: 'default (catch-all) server', when: 'always' },
  { flag: 'profiler-port', port: 10245, purpose: 'Go profiler (127.0.0.1; checked free at start-up)', when: 'always' },
  { flag: 'status-port', port: 10246, purpose: 'nginx Lua configuration endpoint (127.0.0.1)', when: 'always' },
  { flag: 'stream-port', port: 10247, purpose: 'nginx Lua TCP/UDP configuration endpoint (127.0.0.1)', when: 'always' },
];

// ---------------------------------------------------------------------------------- the construct

/**
 * The ingress-nginx controller v1.11.8 with everything it needs, as plain Kubernetes objects:
 * namespace `ingress-nginx`, service accounts, RBAC, the controller ConfigMap (snippet
 * annotations off), the DaemonSet or Deployment, IngressClass `nginx`, optionally a default
 * backend and a controller Service, and the validating admission webhook with its certificate
 * (certgen Jobs or cert-manager). Object names are upstream's, so one controller per app.
 *
 * **ingress-nginx is retired**: upstream ended maintenance in March 2026; there are no further
 * releases or security fixes. It is here to reproduce the lab. For new work use a Gateway API
 * implementation (the Gateway API v1.6.1 CRDs are in `../shared/crds`).
 *
 * v1.11.8 is the last release that supports Kubernetes 1.27.
 *
 * @example
 * // the lab's values-prod.yaml
 * new IngressNginxController(chart, 'IngressNginx', {
 *   kind: ControllerKind.DAEMON_SET,
 *   hostNetwork: true,
 *   dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
 *   enableSslPassthrough: true,
 *   serviceType: ControllerServiceType.NONE,
 *   defaultBackend: true,
 * });
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
    const path = pathOf(scope, id);
    const o = resolveProps(scope, path, props);
    super(scope, id);

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
    const header = [
      `Helm values for chart ingress-nginx 4.11.8 (controller v${INGRESS_NGINX_VERSION}), generated by cdk8s-expose's`,
      'IngressNginxController; equivalent to its native manifests up to the differences in',
      'docs/ingress-nginx-controller.md. ingress-nginx is retired upstream (March 2026): no more security fixes.',
      'Install: helm install ingress-nginx ingress-nginx/ingress-nginx --version 4.11.8 \\',
      '           --namespace ingress-nginx --create-namespace -f ingress-nginx-values.yaml',
    ];
    return header.map(l => `# ${l}`).join('\n') + '\n' + Yaml.stringify(this.helmValues);
  }

  private render(o: Resolved): ApiObject {
    const ns = NAMESPACE;
    const controllerLabels = labels('controller');
    const clusterScoped = (obj: ApiObject): ApiObject => {
      // cdk8s copies a chart's namespace onto every object; cluster-scoped ones must not carry one
      if (Chart.of(this).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      return obj;
    };

    clusterScoped(new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: ns, labels: { 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/name': RELEASE } },
    }));

    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: RELEASE, namespace: ns, labels: controllerLabels },
      automountServiceAccountToken: true,
    });
    new k8s.KubeRole(this, 'Role', {
      metadata: { name: RELEASE, namespace: ns, labels: controllerLabels },
      rules: controllerRoleRules(ELECTION_ID, o.extraArgs['update-status'] !== 'false'),
    });
    const clusterLabels = labels(undefined);
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

    new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: CONTROLLER_NAME, namespace: ns, labels: controllerLabels },
      data: sortKeys({ ...o.config, 'allow-snippet-annotations': 'false' }),
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

    if (o.defaultBackend) this.renderDefaultBackend(o);

    const workload = this.renderWorkload(o, controllerLabels);

    if (o.webhook) {
      addAdmissionWebhook(this, {
        namespace: ns,
        fullname: ADMISSION_NAME,
        webhookName: 'validate.nginx.ingress.kubernetes.io',
        serviceName: `${CONTROLLER_NAME}-admission`,
        controllerSelector: selectorLabels('controller'),
        controllerLabels,
        webhookLabels: labels('admission-webhook'),
        failurePolicy: o.failurePolicy,
        source: o.certSource,
        certgenImage: o.certgenImage.reference,
        certgenPullPolicy: o.pullPolicy,
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

  private renderWorkload(o: Resolved, controllerLabels: { [key: string]: string }): ApiObject {
    const ports: k8s.ContainerPort[] = [
      { name: 'http', containerPort: 80, protocol: 'TCP', ...(o.useHostPorts ? { hostPort: 80 } : {}) },
      { name: 'https', containerPort: 443, protocol: 'TCP', ...(o.useHostPorts ? { hostPort: 443 } : {}) },
    ];
    if (o.webhook) ports.push({ name: 'webhook', containerPort: WEBHOOK_PORT, protocol: 'TCP' });
    const probe = (failureThreshold: number): k8s.Probe => ({
      failureThreshold,
      httpGet: { path: '/healthz', port: k8s.IntOrString.fromNumber(HEALTHZ_PORT), scheme: 'HTTP' },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    });
    const container: k8s.Container = {
      name: 'controller',
      image: o.controllerImage.reference,
      imagePullPolicy: o.pullPolicy,
      args: [...o.args],
      env: [
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
      ],
      lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
      livenessProbe: probe(5),
      readinessProbe: probe(3),
      ports,
      resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('90Mi') } },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
        readOnlyRootFilesystem: false,
        runAsNonRoot: true,
        runAsUser: 101,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      volumeMounts: o.webhook ? [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }] : undefined,
    };
    const podSpec: k8s.PodSpec = {
      containers: [container],
      dnsPolicy: o.dnsPolicy,
      hostNetwork: o.hostNetwork ? true : undefined,
      nodeSelector: { ...o.nodeSelector },
      tolerations: o.tolerations.length > 0 ? o.tolerations.map(toKubeToleration) : undefined,
      serviceAccountName: RELEASE,
      terminationGracePeriodSeconds: 300,
      volumes: o.webhook ? [{
        name: 'webhook-cert',
        secret: o.certSource === WebhookCertificateSource.CERT_MANAGER
          // cert-manager writes tls.crt/tls.key; the controller reads cert/key
          ? { secretName: ADMISSION_NAME, items: [{ key: 'tls.crt', path: 'cert' }, { key: 'tls.key', path: 'key' }] }
          : { secretName: ADMISSION_NAME },
      }] : undefined,
    };
    const metadata = { name: CONTROLLER_NAME, namespace: NAMESPACE, labels: controllerLabels };
    const template = { metadata: { labels: { ...controllerLabels } }, spec: podSpec };
    const selector = { matchLabels: selectorLabels('controller') };
    if (o.kind === ControllerKind.DAEMON_SET) {
      return new k8s.KubeDaemonSet(this, 'DaemonSet', {
        metadata,
        spec: { minReadySeconds: 0, revisionHistoryLimit: 10, selector, template },
      });
    }
    return new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas: o.replicas,
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector,
        strategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) }, type: 'RollingUpdate' },
        template,
      },
    });
  }

  private renderDefaultBackend(o: Resolved): void {
    const backendLabels = labels('default-backend');
    new k8s.KubeServiceAccount(this, 'DefaultBackendServiceAccount', {
      metadata: { name: DEFAULT_BACKEND_SA, namespace: NAMESPACE, labels: backendLabels },
      // the 404 server never calls the API server (the chart mounts a token anyway)
      automountServiceAccountToken: false,
    });
    const probe = (p: { failureThreshold: number; initialDelaySeconds: number; periodSeconds: number }): k8s.Probe => ({
      httpGet: { path: '/healthz', port: k8s.IntOrString.fromNumber(8080), scheme: 'HTTP' },
      ...p,
      successThreshold: 1,
      timeoutSeconds: 5,
    });
    new k8s.KubeDeployment(this, 'DefaultBackendDeployment', {
      metadata: { name: DEFAULT_BACKEND_NAME, namespace: NAMESPACE, labels: backendLabels },
      spec: {
        replicas: 1,
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selectorLabels('default-backend') },
        template: {
          metadata: { labels: { ...backendLabels } },
          spec: {
            containers: [{
              name: `${RELEASE}-default-backend`,
              image: o.defaultBackendImage.reference,
              imagePullPolicy: o.pullPolicy,
              livenessProbe: probe({ failureThreshold: 3, initialDelaySeconds: 30, periodSeconds: 10 }),
              readinessProbe: probe({ failureThreshold: 6, initialDelaySeconds: 0, periodSeconds: 5 }),
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: 65534,
                seccompProfile: { type: 'RuntimeDefault' },
              },
            }],
            nodeSelector: { ...OS_LINUX },
            serviceAccountName: DEFAULT_BACKEND_SA,
            terminationGracePeriodSeconds: 60,
          },
        },
      },
    });
    new k8s.KubeService(this, 'DefaultBackendService', {
      metadata: { name: DEFAULT_BACKEND_NAME, namespace: NAMESPACE, labels: backendLabels },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels('default-backend'),
        ports: [{ name: 'http', appProtocol: 'http', port: 80, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('http') }],
      },
    });
  }
}

// ---------------------------------------------------------------------------------- props resolution

interface Resolved {
  readonly kind: ControllerKind;
  readonly replicas?: number;
  readonly hostNetwork: boolean;
  readonly useHostPorts: boolean;
  readonly dnsPolicy: DnsPolicy;
  readonly passthrough: boolean;
  readonly extraArgs: { [flag: string]: string };
  readonly reportNodeInternalIp: boolean;
  readonly serviceType: ControllerServiceType;
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: Toleration[];
  readonly controllerImage: IngressNginxImage;
  readonly pullPolicy: ImagePullPolicy;
  readonly defaultBackend: boolean;
  readonly defaultBackendImage: IngressNginxImage;
  readonly webhook: boolean;
  readonly certSource: WebhookCertificateSource;
  readonly issuer?: CertManagerIssuerRef;
  readonly failurePolicy: WebhookFailurePolicy;
  readonly certgenImage: IngressNginxImage;
  readonly config: { [key: string]: string };
  readonly defaultIngressClass: boolean;
  readonly args: string[];
  readonly hostListeners: HostListener[];
}

function resolveProps(scope: Construct, path: string, props: IngressNginxControllerProps): Resolved {
  const existing = IngressNginxController.find(scope);
  if (existing.length > 0) {
    reject(path, 'IngressNginxController', `${existing[0].node.path} already renders ingress-nginx in this app; allowed: one ` +
      'controller per app (its namespace, ClusterRoles, IngressClass and webhook have upstream\'s fixed names)');
  }
  const kind = validateOneOf(path, 'props.kind', props.kind ?? ControllerKind.DEPLOYMENT, Object.values(ControllerKind));
  if (props.replicas !== undefined && kind !== ControllerKind.DEPLOYMENT) {
    reject(path, 'props.replicas', `${props.replicas} is set, but a DaemonSet runs one pod per selected node; allowed: replicas with kind DEPLOYMENT only`);
  }
  // unset -> omitted, as in upstream's manifest (Kubernetes defaults to 1)
  const replicas = props.replicas === undefined ? undefined : validateIntegerRange(path, 'spec.replicas', props.replicas, 0, 1000);
  const hostNetwork = props.hostNetwork ?? false;
  const useHostPorts = props.useHostPorts ?? false;
  if (hostNetwork && useHostPorts) {
    reject(path, 'props.useHostPorts', 'is true together with hostNetwork; on the host network the pods already listen on the nodes\' ' +
      'ports; allowed: one of hostNetwork or useHostPorts');
  }
  const dnsPolicy = validateDnsPolicy(path, 'spec.template.spec.dnsPolicy',
    props.dnsPolicy ?? (hostNetwork ? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : DnsPolicy.CLUSTER_FIRST));
  const reportNodeInternalIp = props.reportNodeInternalIp ?? false;
  if (reportNodeInternalIp && !hostNetwork) {
    reject(path, 'props.reportNodeInternalIp', 'is true without hostNetwork; the chart ignores it then; allowed: with hostNetwork only');
  }
  const serviceType = validateOneOf(path, 'props.serviceType',
    props.serviceType ?? (hostNetwork ? ControllerServiceType.NONE : ControllerServiceType.NODE_PORT),
    Object.values(ControllerServiceType));

  const nodeSelector = sortKeys({ ...OS_LINUX, ...validateLabels(path, 'spec.template.spec.nodeSelector', props.nodeSelector ?? {}) });
  const tolerations = (props.tolerations ?? []).map((t, i) => validateToleration(path, `spec.template.spec.tolerations[${i}]`, t));

  const pullPolicy = validateOneOf(path, 'props.imagePullPolicy', props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    Object.values(ImagePullPolicy));
  const controllerImage = validateImageParts(path, 'props.controllerImage', props.controllerImage ?? IngressNginxImage.CONTROLLER);

  const defaultBackend = props.defaultBackend ?? false;
  if (props.defaultBackendImage !== undefined && !defaultBackend) {
    reject(path, 'props.defaultBackendImage', 'is set without defaultBackend; allowed: set defaultBackend: true, or drop the image');
  }
  const defaultBackendImage = validateImageParts(path, 'props.defaultBackendImage', props.defaultBackendImage ?? IngressNginxImage.DEFAULT_BACKEND);

  const webhook = props.admissionWebhook ?? true;
  for (const [field, value] of [['webhookCertificate', props.webhookCertificate], ['certManagerIssuer', props.certManagerIssuer],
    ['webhookFailurePolicy', props.webhookFailurePolicy], ['certgenImage', props.certgenImage]] as const) {
    if (value !== undefined && !webhook) {
      reject(path, `props.${field}`, 'is set, but admissionWebhook is false; allowed: only with the admission webhook on');
    }
  }
  const certSource = validateOneOf(path, 'props.webhookCertificate', props.webhookCertificate ?? WebhookCertificateSource.CERTGEN_JOBS,
    Object.values(WebhookCertificateSource));
  if (props.certManagerIssuer !== undefined) {
    if (certSource !== WebhookCertificateSource.CERT_MANAGER) {
      reject(path, 'props.certManagerIssuer', 'is set, but webhookCertificate is not CERT_MANAGER; allowed: only with WebhookCertificateSource.CERT_MANAGER');
    }
    validateDns1123Subdomain(path, 'props.certManagerIssuer.name', props.certManagerIssuer.name);
    validateOneOf(path, 'props.certManagerIssuer.kind', props.certManagerIssuer.kind ?? CertManagerIssuerKind.ISSUER,
      Object.values(CertManagerIssuerKind));
  }
  if (props.certgenImage !== undefined && certSource !== WebhookCertificateSource.CERTGEN_JOBS) {
    reject(path, 'props.certgenImage', 'is set, but cert-manager issues the certificate (no certgen Jobs); allowed: only with CERTGEN_JOBS');
  }
  const failurePolicy = validateOneOf(path, 'props.webhookFailurePolicy', props.webhookFailurePolicy ?? WebhookFailurePolicy.FAIL,
    Object.values(WebhookFailurePolicy));
  const certgenImage = validateImageParts(path, 'props.certgenImage', props.certgenImage ?? IngressNginxImage.KUBE_WEBHOOK_CERTGEN);

  const config: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(props.config ?? {})) {
    const field = `data[${JSON.stringify(key)}]`;
    if (key.length === 0 || key.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(key)) {
      reject(path, field, `${JSON.stringify(key)} is not a valid ConfigMap key; allowed: 1-253 letters, digits, '-', '_' or '.'`);
    }
    if (key === 'allow-snippet-annotations') {
      reject(path, field, 'is fixed to "false": snippet annotations let anyone who can write an Ingress inject nginx configuration ' +
        '(CVE-2021-25742); allowed: other keys');
    }
    config[key] = value;
  }

  const passthrough = props.enableSslPassthrough ?? false;
  const extraArgs: { [flag: string]: string } = {};
  for (const [flag, value] of Object.entries(props.extraArgs ?? {})) {
    const field = `props.extraArgs[${JSON.stringify(flag)}]`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(flag)) {
      reject(path, field, `${JSON.stringify(flag)} is not a flag name; allowed: lowercase letters, digits and '-', without the leading "--" (e.g. "watch-namespace")`);
    }
    if (MANAGED_FLAGS[flag] !== undefined) {
      reject(path, field, `is managed by IngressNginxController: ${MANAGED_FLAGS[flag]}`);
    }
    if (/\s/.test(value)) reject(path, field, `${JSON.stringify(value)} contains whitespace; allowed: a single argument value`);
    extraArgs[flag] = value;
  }
  if (passthrough) extraArgs['enable-ssl-passthrough'] = '';
  const sortedExtra = sortKeys(extraArgs);

  const hostListeners: HostListener[] = [];
  if (hostNetwork) {
    hostListeners.push({ port: 80, purpose: 'HTTP', flag: '--http-port' });
    hostListeners.push({ port: 443, purpose: passthrough ? 'HTTPS (the SSL-passthrough proxy, choosing by SNI)' : 'HTTPS', flag: '--https-port' });
    if (webhook) hostListeners.push({ port: WEBHOOK_PORT, purpose: 'admission webhook', flag: '--validating-webhook' });
    hostListeners.push({ port: HEALTHZ_PORT, purpose: 'healthz (and metrics when enabled)', flag: '--healthz-port' });
    for (const l of INTERNAL_LISTENERS) {
      if (l.when === 'passthrough' && !passthrough) continue;
      const given = extraArgs[l.flag];
      const port = given === undefined ? l.port : parsePort(path, `props.extraArgs[${JSON.stringify(l.flag)}]`, given);
      hostListeners.push({ port, purpose: l.purpose, flag: `--${l.flag}` });
    }
    hostListeners.sort((a, b) => a.port - b.port);
    for (let i = 1; i < hostListeners.length; i++) {
      if (hostListeners[i].port === hostListeners[i - 1].port) {
        reject(path, 'props.extraArgs', `${hostListeners[i].flag} and ${hostListeners[i - 1].flag} both use port ${hostListeners[i].port}; allowed: distinct ports`);
      }
    }
  } else if (useHostPorts) {
    hostListeners.push({ port: 80, purpose: 'HTTP (hostPort)', flag: '--http-port' });
    hostListeners.push({ port: 443, purpose: 'HTTPS (hostPort)', flag: '--https-port' });
  }

  const args = ['/nginx-ingress-controller'];
  if (defaultBackend) args.push(`--default-backend-service=$(POD_NAMESPACE)/${DEFAULT_BACKEND_NAME}`);
  args.push(`--election-id=${ELECTION_ID}`, `--controller-class=${CONTROLLER_CLASS}`, `--ingress-class=${INGRESS_CLASS}`,
    `--configmap=$(POD_NAMESPACE)/${CONTROLLER_NAME}`);
  if (hostNetwork && reportNodeInternalIp) args.push('--report-node-internal-ip-address=true');
  if (webhook) {
    args.push(`--validating-webhook=:${WEBHOOK_PORT}`, '--validating-webhook-certificate=/usr/local/certificates/cert',
      '--validating-webhook-key=/usr/local/certificates/key');
  }
  args.push('--enable-metrics=false');
  for (const [flag, value] of Object.entries(sortedExtra)) args.push(value === '' ? `--${flag}` : `--${flag}=${value}`);

  return {
    kind, replicas, hostNetwork, useHostPorts, dnsPolicy, passthrough, extraArgs: sortedExtra, reportNodeInternalIp, serviceType,
    nodeSelector, tolerations, controllerImage, pullPolicy, defaultBackend, defaultBackendImage, webhook, certSource,
    issuer: props.certManagerIssuer, failurePolicy, certgenImage, config: sortKeys(config),
    defaultIngressClass: props.defaultIngressClass ?? false, args, hostListeners,
  };
}

const REGISTRY = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

function validateImageParts(path: string, field: string, image: IngressNginxImage): IngressNginxImage {
  if (!REGISTRY.test(image.registry)) {
    reject(path, `${field}.registry`, `${JSON.stringify(image.registry)} is not a registry; allowed: a host name with optional :port ` +
      'and path prefix (e.g. "registry.k8s.io", "registry.hub.docker.com", "localhost:5000/mirror")');
  }
  if (!REPOSITORY.test(image.image)) {
    reject(path, `${field}.image`, `${JSON.stringify(image.image)} is not a repository name; allowed: lowercase path components ` +
      'separated by \'/\' (e.g. "ingress-nginx/controller")');
  }
  if (!TAG.test(image.tag)) {
    reject(path, `${field}.tag`, `${JSON.stringify(image.tag)} is not a tag; allowed: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
  }
  if (image.digest !== undefined && !DIGEST.test(image.digest)) {
    reject(path, `${field}.digest`, `${JSON.stringify(image.digest)} is not a digest; allowed: "sha256:" and 64 lowercase hex digits, or none`);
  }
  return image;
}

function validateToleration(path: string, field: string, t: Toleration): Toleration {
  const operator = validateOneOf(path, `${field}.operator`, t.operator ?? TolerationOperator.EQUAL,
    Object.values(TolerationOperator));
  if (t.effect !== undefined) {
    validateOneOf(path, `${field}.effect`, t.effect, Object.values(TaintEffect));
  }
  if (t.key !== undefined && t.key !== '') validateLabelKey(path, `${field}.key`, t.key);
  if ((t.key ?? '') === '' && operator !== TolerationOperator.EXISTS) {
    reject(path, `${field}.operator`, `${JSON.stringify(operator)} with an empty key; allowed: operator Exists when key is empty (tolerate everything)`);
  }
  if (operator === TolerationOperator.EXISTS && (t.value ?? '') !== '') {
    reject(path, `${field}.value`, `${JSON.stringify(t.value)} is set with operator Exists; allowed: no value with Exists`);
  }
  if (operator === TolerationOperator.EQUAL && t.value !== undefined) validateLabelValue(path, `${field}.value`, t.value);
  if (t.tolerationSeconds !== undefined) {
    if (t.effect !== TaintEffect.NO_EXECUTE) {
      reject(path, `${field}.tolerationSeconds`, `${t.tolerationSeconds} is set with effect ${t.effect ?? '(any)'}; allowed: only with effect NoExecute`);
    }
    validateIntegerRange(path, `${field}.tolerationSeconds`, t.tolerationSeconds, 0, Number.MAX_SAFE_INTEGER);
  }
  return { key: t.key, operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}

function parsePort(path: string, field: string, value: string): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  return validatePortNumber(path, field, n);
}

function toKubeToleration(t: Toleration): k8s.Toleration {
  return { key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}

// ---------------------------------------------------------------------------------- labels and helpers

function selectorLabels(component: string): { [key: string]: string } {
  return { 'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/name': RELEASE };
}

/** Upstream's static-manifest labels (no Helm labels); cluster-wide RBAC has no component. */
function labels(component: string | undefined): { [key: string]: string } {
  return {
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/instance': RELEASE,
    'app.kubernetes.io/name': RELEASE,
    'app.kubernetes.io/part-of': RELEASE,
    'app.kubernetes.io/version': INGRESS_NGINX_VERSION,
  };
}


// ---------------------------------------------------------------------------------- Helm values

function imageValues(image: IngressNginxImage, pullPolicy: string): any {
  // digest "" (not null, like the seed): the chart's `if .digest` treats both as unset, and "" survives Helm's value merge
  return { registry: image.registry, image: image.image, tag: image.tag, digest: image.digest ?? '', pullPolicy };
}

function buildHelmValues(o: Resolved): any {
  const controller: any = {
    name: 'controller',
    kind: o.kind,
    image: { ...imageValues(o.controllerImage, o.pullPolicy), chroot: false },
    ...(o.kind === ControllerKind.DEPLOYMENT ? { replicaCount: o.replicas ?? 1 } : {}),
    hostNetwork: o.hostNetwork,
    hostPort: { enabled: o.useHostPorts },
    dnsPolicy: o.dnsPolicy,
    reportNodeInternalIp: o.reportNodeInternalIp,
    // flags without a value are written "" so the chart renders `--flag` (a YAML null, as in the seed, is dropped by some Helm versions)
    extraArgs: { ...o.extraArgs },
    publishService: { enabled: false },
    service: o.serviceType === ControllerServiceType.NODE_PORT
      ? { enabled: true, type: 'NodePort', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }
      : { enabled: false },
    nodeSelector: { ...o.nodeSelector },
    tolerations: o.tolerations.map(t => JSON.parse(JSON.stringify(toKubeToleration(t)))),
    allowSnippetAnnotations: false,
    config: { ...o.config },
    ingressClassResource: { name: INGRESS_CLASS, enabled: true, default: o.defaultIngressClass, controllerValue: CONTROLLER_CLASS },
    ingressClass: INGRESS_CLASS,
    electionID: ELECTION_ID,
    metrics: { enabled: false },
    admissionWebhooks: o.webhook
      ? {
        enabled: true,
        failurePolicy: o.failurePolicy,
        certManager: o.certSource === WebhookCertificateSource.CERT_MANAGER
          ? { enabled: true, ...(o.issuer ? { issuerRef: { name: o.issuer.name, kind: o.issuer.kind ?? CertManagerIssuerKind.ISSUER } } : {}) }
          : { enabled: false },
        patch: { enabled: o.certSource === WebhookCertificateSource.CERTGEN_JOBS, image: imageValues(o.certgenImage, o.pullPolicy) },
      }
      : { enabled: false },
  };
  return {
    controller,
    defaultBackend: o.defaultBackend
      ? { enabled: true, name: 'defaultbackend', image: imageValues(o.defaultBackendImage, o.pullPolicy) }
      : { enabled: false },
  };
}
