/**
 * What one exposure means, whatever target renders it: a host and path, the backend Service,
 * what the gateway speaks to it, and how TLS is handled. Plain data: HttpIngress and TlsIngress
 * validate their props into an {@link Exposure}, and a target ({@link IRoutingTarget}) turns it
 * into objects.
 *
 * New route features (timeouts, header and rewrite filters, weighted backends, several paths per
 * host) are added as optional fields; a target that does not know a field ignores it, and one
 * that cannot render it refuses the exposure with a problem naming the field.
 */
import { PathType } from '../core/enums';

/**
 * The Service an exposure sends traffic to. Give `port` or `portName`, not both.
 * @stable
 */
export interface IngressBackend {
  /** Name of the Service (in the exposure's namespace). */
  readonly serviceName: string;
  /**
   * The Service port number.
   * @default - use `portName`
   */
  readonly port?: number;
  /**
   * The Service port name (IANA_SVC_NAME, at most 15 characters).
   * @default - use `port`
   */
  readonly portName?: string;
}

/**
 * The protocol the gateway (controller) speaks to the backend pods.
 * @stable
 */
export enum BackendProtocol {
  /** Plain HTTP (the controller's default). */
  HTTP = 'HTTP',
  /** HTTPS: the controller opens a TLS connection to the pods. */
  HTTPS = 'HTTPS',
}

/**
 * Where TLS ends.
 * @stable
 */
export enum TlsMode {
  /** The controller terminates TLS and speaks plain HTTP to the pods. */
  TERMINATION = 'TERMINATION',
  /** The controller terminates TLS and opens a new TLS connection to the pods (optionally verifying them). */
  REENCRYPT = 'REENCRYPT',
  /**
   * The controller forwards the TLS stream untouched, chosen by SNI; the pods terminate it.
   * ingress-nginx needs the controller flag `--enable-ssl-passthrough`.
   */
  PASSTHROUGH = 'PASSTHROUGH',
}

/**
 * Backend verification (REENCRYPT): the CA that signs the backend's certificate and the name it must carry.
 * @experimental
 */
export interface BackendVerification {
  /** A Secret in the exposure's namespace whose `ca.crt` signs the backend's certificate. */
  readonly caSecretName: string;
  /** The DNS name the backend's certificate must carry (sent as SNI). */
  readonly serverName: string;
}

/**
 * How TLS is handled for an exposure.
 * @experimental
 */
export interface ExposureTls {
  /** Where TLS ends. */
  readonly mode: TlsMode;
  /**
   * TERMINATION and REENCRYPT: the `kubernetes.io/tls` Secret served for the host.
   * @default - none (PASSTHROUGH)
   */
  readonly secretName?: string;
  /**
   * Annotations that ask cert-manager's shim to issue `secretName` (`cert-manager.io/issuer` ...);
   * a target puts them where its shim reads them (the Ingress, the Gateway).
   * @default - none
   */
  readonly issuerAnnotations?: { [key: string]: string };
  /**
   * REENCRYPT: verify the backend with this CA and name.
   * @default - the backend's certificate is not verified
   */
  readonly backendVerification?: BackendVerification;
}

/**
 * One exposure, validated and complete: what every target reads.
 * @experimental
 */
export interface Exposure {
  /** `metadata.name` of the main object. */
  readonly name: string;
  /**
   * The namespace of the exposure's objects.
   * @default - the chart's (none: `default` when applied)
   */
  readonly namespace?: string;
  /** The host served. */
  readonly host: string;
  /** The path served. */
  readonly path: string;
  /** How the path matches. */
  readonly pathType: PathType;
  /** The backend Service. */
  readonly backend: IngressBackend;
  /** What the gateway speaks to the backend (HTTPS for REENCRYPT and PASSTHROUGH). */
  readonly backendProtocol: BackendProtocol;
  /**
   * TLS handling.
   * @default - plain HTTP
   */
  readonly tls?: ExposureTls;
  /**
   * Labels of the main object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra annotations of the main object, as the user gave them; a target refuses those it cannot carry.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Options of one target for this exposure, by key (`ingress-nginx/ingressClassName`); other targets ignore them.
   * @default - none
   */
  readonly targetOptions?: { [key: string]: string };
}

/**
 * The `targetOptions` key of an exposure's own IngressClass (`IngressOptions.ingressClassName`);
 * the ingress-nginx target reads it, other targets ignore it.
 */
export const INGRESS_CLASS_NAME_OPTION = 'ingress-nginx/ingressClassName';

/** Whether a `*.` wildcard host can be served in this TLS mode (passthrough routes by exact SNI). */
export function allowsWildcardHost(tls: ExposureTls | undefined): boolean {
  return tls?.mode !== TlsMode.PASSTHROUGH;
}
