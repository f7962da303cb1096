/**
 * The props of IngressNginxController and the enums they take. Defaults are upstream's
 * (static bare-metal manifest, chart 4.11.8) unless a prop says otherwise.
 */
import { DnsPolicy, ImagePullPolicy } from '../core/enums';
import { CertgenJobLifecycle, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy } from './admission-webhook';
import { IngressNginxImage } from './images';
import { IngressNginxRelease } from './release';
import { Toleration } from './tolerations';

/**
 * The workload that runs the controller pods.
 * @stable
 */
export enum ControllerKind {
  /** One pod per (selected) node; with hostNetwork every such node serves 80/443. */
  DAEMON_SET = 'DaemonSet',
  /** A fixed number of pods (upstream's default). */
  DEPLOYMENT = 'Deployment',
}

/**
 * The controller Service in front of the pods.
 * @stable
 */
export enum ControllerServiceType {
  /** No controller Service (for hostNetwork: clients reach the nodes directly). */
  NONE = 'None',
  /** A NodePort Service for http/https, as in upstream's bare-metal manifest. */
  NODE_PORT = 'NodePort',
}

/**
 * A port the controller opens on every node it runs on (hostNetwork or hostPort).
 * @stable
 */
export interface HostListener {
  /** The port number (TCP). */
  readonly port: number;
  /** What listens there. */
  readonly purpose: string;
  /** The controller flag that sets it. */
  readonly flag: string;
}

/**
 * Props of {@link IngressNginxController}. Defaults are upstream's unless said otherwise.
 * @stable
 */
export interface IngressNginxControllerProps {
  /**
   * The ingress-nginx release to render (images, labels and the manifest's differences between
   * releases); pick the one whose Kubernetes window holds your cluster's version.
   * @default IngressNginxRelease.V1_11_8
   */
  readonly release?: IngressNginxRelease;
  /**
   * DaemonSet or Deployment.
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
   * ports, see `hostPorts`) of every node it runs on: a setup without a load balancer.
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
   * @default - DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET with hostNetwork (with ClusterFirst,
   * Kubernetes silently falls back to the node's resolv.conf), else DnsPolicy.CLUSTER_FIRST
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * Add `--enable-ssl-passthrough`, which TlsIngress's PASSTHROUGH mode needs.
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
   * @default - ControllerServiceType.NONE with hostNetwork, else ControllerServiceType.NODE_PORT
   */
  readonly serviceType?: ControllerServiceType;
  /**
   * Labels of the nodes to run the controller on (e.g. `role: lb`); merged
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
   * The port the admission webhook listens on in the controller pod (the chart's
   * `controller.admissionWebhooks.port`); needs `admissionWebhook`. With `hostNetwork` it is a port
   * of every node the controller runs on: move it off 8443 where the node's API server listens
   * there (minikube), since ingress-nginx only logs a failed bind and its webhook Service then
   * reaches the API server.
   * @default 8443
   */
  readonly webhookPort?: number;
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
   * CERTGEN_JOBS only: what happens to the certgen Jobs once they finished. KEEP_FOR_GITOPS for
   * Argo CD or Flux (or, better, `WebhookCertificateSource.CERT_MANAGER`: no Jobs).
   * @default CertgenJobLifecycle.DELETE_WHEN_FINISHED (upstream's `ttlSecondsAfterFinished: 0`)
   */
  readonly certgenJobLifecycle?: CertgenJobLifecycle;
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
   * `allow-snippet-annotations` stays "false" and `strict-validate-path-type` "true"; neither can be set here.
   * @default - none
   */
  readonly config?: { [key: string]: string };
  /**
   * Mark IngressClass `nginx` as the cluster's default (Ingresses without a class get it).
   * @default false
   */
  readonly defaultIngressClass?: boolean;
}
