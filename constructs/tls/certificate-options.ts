/**
 * The vocabulary of certificate sources: where a TlsCertificate's Secret comes from, the options
 * of its factories and of a use. Apart from TlsCertificate so that its rules
 * (`certificate-rules.ts`) can take these types without importing the class; re-exported from
 * `tls-certificate.ts`.
 */

/**
 * Where a TlsCertificate's Secret comes from.
 * @stable
 */
export enum TlsCertificateSource {
  /** An existing Secret created outside this app (`kubectl create secret tls`); nothing is synthesised. */
  SECRET_NAME = 'SECRET_NAME',
  /** cert-manager issues it into the Secret (a `Certificate` object, or ingress-shim annotations). */
  CERT_MANAGER = 'CERT_MANAGER',
  /** A `kubernetes.io/tls` Secret synthesised from PEM files (private key in the manifest: opt-in). */
  FILES = 'FILES',
}

/**
 * How a cert-manager certificate is requested.
 * @stable
 */
export enum CertManagerMode {
  /** A typed `cert-manager.io/v1` Certificate object next to the Ingress (explicit, reviewable in dist/). */
  CERTIFICATE = 'CERTIFICATE',
  /**
   * ingress-shim annotations on the Ingress (`cert-manager.io/issuer` or `.../cluster-issuer`);
   * cert-manager creates the Certificate in the cluster. One Ingress per secret.
   */
  INGRESS_SHIM = 'INGRESS_SHIM',
}

/**
 * The key algorithm cert-manager generates (CERTIFICATE mode).
 * @stable
 */
export enum PrivateKeyAlgorithm {
  /** ECDSA; size 256 (P-256), 384 or 521. */
  ECDSA = 'ECDSA',
  /** RSA; size 2048, 4096 or 8192. */
  RSA = 'RSA',
  /** Ed25519 (not every client supports it; size ignored). */
  ED25519 = 'Ed25519',
}

/**
 * Options of {@link TlsCertificate.certManager}. Give `issuerName` or `clusterIssuerName`, not both.
 * @stable
 */
export interface CertManagerCertificateOptions {
  /**
   * A namespaced `Issuer` in the Ingress's namespace.
   * @default - use `clusterIssuerName`
   */
  readonly issuerName?: string;
  /**
   * A `ClusterIssuer`.
   * @default - use `issuerName`
   */
  readonly clusterIssuerName?: string;
  /**
   * Request it with a Certificate object or ingress-shim annotations.
   * @default CertManagerMode.CERTIFICATE
   */
  readonly mode?: CertManagerMode;
  /**
   * The Secret cert-manager writes (and the Ingress serves).
   * @default - `<ingress name>-tls` of the first Ingress it is used by
   */
  readonly secretName?: string;
  /**
   * `spec.duration` (Go duration, e.g. `2160h`).
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: string;
  /**
   * `spec.renewBefore` (Go duration, e.g. `360h`).
   * @default - cert-manager's default (a third of the duration)
   */
  readonly renewBefore?: string;
  /**
   * Key algorithm (CERTIFICATE mode only).
   * @default PrivateKeyAlgorithm.ECDSA
   */
  readonly privateKeyAlgorithm?: PrivateKeyAlgorithm;
  /**
   * Key size (CERTIFICATE mode only): ECDSA 256/384/521, RSA 2048/4096/8192.
   * @default - 256 for ECDSA, 2048 for RSA
   */
  readonly privateKeySize?: number;
}

/**
 * Options of {@link TlsCertificate.fromFiles}.
 * @stable
 */
export interface TlsCertificateFromFilesOptions {
  /**
   * Name of the synthesised `kubernetes.io/tls` Secret.
   * @default - from the certificate file name: `wildcard.crt` -> `wildcard-tls`
   */
  readonly secretName?: string;
  /**
   * The explicit opt-in to write the private key into the synthesised manifest (`dist/`):
   * anyone who can read `dist/` or its git history can impersonate the hosts. Refused
   * without it; warned about with it.
   * @default false
   */
  readonly allowPrivateKeyInManifest?: boolean;
  /**
   * Warn when the certificate expires within this many days.
   * @default 30
   */
  readonly expiryWarningDays?: number;
  /**
   * The time the validity checks use (tests).
   * @default - now
   */
  readonly now?: Date;
}

/**
 * Where and for which host a TlsCertificate is used.
 * @stable
 */
export interface TlsCertificateUse {
  /** The host (or server name) the certificate must cover. */
  readonly host: string;
  /** Name of the object using it (an Ingress name), for the default secret name. */
  readonly consumerName: string;
  /**
   * The namespace pinned on the user's objects, if any (the Secret/Certificate must be in the same one).
   * @default - the chart's namespace
   */
  readonly namespace?: string;
}

export { CERT_MANAGER_ANNOTATIONS } from '../core/cert-manager';
