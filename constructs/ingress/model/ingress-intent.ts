/**
 * What an Ingress exposure means, whatever controller renders it: one host, one path, one
 * backend Service, how TLS is handled and whether the backend is verified.
 *
 * HttpIngress and TlsIngress validate their props into an {@link IngressIntent}; a renderer
 * (`renderer.ts`, `renderers/`) turns the intent into objects. The public enums and the backend
 * interface live here and are re-exported by `ingress-base.ts` and `tls-ingress.ts`.
 */
import { PathType } from '../../core/enums';
import { TlsCertificate } from '../../tls/tls-certificate';

/** The Service an Ingress sends traffic to. Give `port` or `portName`, not both. */
export interface IngressBackend {
  /** Name of the Service (in the Ingress's namespace). */
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

/** The protocol the controller speaks to the backend pods. */
export enum BackendProtocol {
  /** Plain HTTP (the controller's default). */
  HTTP = 'HTTP',
  /** HTTPS: the controller opens a TLS connection to the pods. */
  HTTPS = 'HTTPS',
}

/** Where TLS ends. */
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

/** REENCRYPT with verification: the CA that signs the backend's certificate and the name it must carry. */
export interface BackendVerification {
  /** A Secret in the exposure's namespace whose `ca.crt` signs the backend's certificate. */
  readonly caSecretName: string;
  /** The DNS name the backend's certificate must carry (sent as SNI). */
  readonly serverName: string;
}

/** How TLS is handled, as a TLS-capable construct chose it. */
export interface TlsIntent {
  /** Where TLS ends. */
  readonly mode: TlsMode;
  /** TERMINATION and REENCRYPT: where the served certificate comes from. */
  readonly certificate?: TlsCertificate;
  /** REENCRYPT: verify the backend with this CA and name. */
  readonly backendVerification?: BackendVerification;
}

/** The mode-specific part a construct contributes (validated), before the shared options are resolved. */
export interface IngressModeIntent {
  /** What the controller speaks to the pods (HTTPS for REENCRYPT and PASSTHROUGH). */
  readonly backendProtocol: BackendProtocol;
  /** TLS handling; none for a plain-HTTP exposure. */
  readonly tls?: TlsIntent;
}

/** One exposure, validated and complete: what every renderer reads. */
export interface IngressIntent extends IngressModeIntent {
  /** The class name of the construct that declared it (for messages). */
  readonly owner: string;
  /** `metadata.name` of the main object. */
  readonly name: string;
  /** The chart's namespace (undefined: the chart has none). */
  readonly namespace?: string;
  /** The host served. */
  readonly host: string;
  /** The path served and how it matches. */
  readonly path: string;
  readonly pathType: PathType;
  /** The backend Service. */
  readonly backend: IngressBackend;
  /** The class of controller that serves it (an IngressClass for ingress-nginx). */
  readonly className: string;
  /** Labels of the main object. */
  readonly labels?: { [key: string]: string };
  /** Extra annotations given by the user (already checked against the renderer's managed ones). */
  readonly annotations: { [key: string]: string };
  /** The Secret the controller serves (TERMINATION and REENCRYPT), as the certificate resolved it. */
  readonly servedSecretName?: string;
}

/** Whether a `*.` wildcard host can be served in this mode (passthrough routes by exact SNI). */
export function allowsWildcardHost(mode: IngressModeIntent): boolean {
  return mode.tls?.mode !== TlsMode.PASSTHROUGH;
}
