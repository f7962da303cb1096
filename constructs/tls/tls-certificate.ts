/**
 * Where the certificate of a TlsIngress (or a backend) comes from: an existing Secret, cert-manager,
 * or PEM files checked at synth. A Secret made with `kubectl create secret tls` is `fromSecretName`.
 */
import * as path from 'path';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import {
  Certificate, CertificateSpecPrivateKeyAlgorithm, CertificateSpecPrivateKeyRotationPolicy,
} from '../../imports/cert-manager.io';
import { CertificateFilesReport, checkCertificateFiles, checkCoversHosts, EXPIRY_WARNING_DAYS } from './certificate-checks';
import { FieldPath } from '../core/field-path';
import { validateDns1123Subdomain } from '../validation/names';
import { validateIntegerRange, validateOneOf } from '../validation/values';
import { validateGoDuration } from '../validation/durations';
import {
  validateFileSecretName, validateIngressShimCertificateUnshared, validateKeyOptionsWithoutIngressShim, validateOneIssuer,
  validateOneNamespacePerChart, validatePrivateKeyInManifestAllowed, validatePrivateKeySize, validateSecretDefinedOnce,
} from '../validation/certificate-rules';
import { kebabFromId } from '../core/naming';
import { Warnings } from '../core/warnings';

/** Where a TlsCertificate's Secret comes from. */
export enum TlsCertificateSource {
  /** An existing Secret created outside this app (`kubectl create secret tls`); nothing is synthesised. */
  SECRET_NAME = 'SECRET_NAME',
  /** cert-manager issues it into the Secret (a `Certificate` object, or ingress-shim annotations). */
  CERT_MANAGER = 'CERT_MANAGER',
  /** A `kubernetes.io/tls` Secret synthesised from PEM files (private key in the manifest: opt-in). */
  FILES = 'FILES',
}

/** How a cert-manager certificate is requested. */
export enum CertManagerMode {
  /** A typed `cert-manager.io/v1` Certificate object next to the Ingress (explicit, reviewable in dist/). */
  CERTIFICATE = 'CERTIFICATE',
  /**
   * ingress-shim annotations on the Ingress (`cert-manager.io/issuer` or `.../cluster-issuer`);
   * cert-manager creates the Certificate in the cluster. One Ingress per secret.
   */
  INGRESS_SHIM = 'INGRESS_SHIM',
}

/** The key algorithm cert-manager generates (CERTIFICATE mode). */
export enum PrivateKeyAlgorithm {
  /** ECDSA; size 256 (P-256), 384 or 521. */
  ECDSA = 'ECDSA',
  /** RSA; size 2048, 4096 or 8192. */
  RSA = 'RSA',
  /** Ed25519 (not every client supports it; size ignored). */
  ED25519 = 'Ed25519',
}

/** Options of {@link TlsCertificate.certManager}. Give `issuerName` or `clusterIssuerName`, not both. */
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

/** Options of {@link TlsCertificate.fromFiles}. */
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

/** Where and for which host a TlsCertificate is used. */
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

/** The annotation keys cert-manager's ingress-shim reads. */
export const CERT_MANAGER_ANNOTATIONS = {
  issuer: 'cert-manager.io/issuer',
  clusterIssuer: 'cert-manager.io/cluster-issuer',
  duration: 'cert-manager.io/duration',
  renewBefore: 'cert-manager.io/renew-before',
} as const;

interface Binding {
  readonly chart: Chart;
  readonly namespace?: string;
  readonly hosts: Set<string>;
  readonly object?: ApiObject;
}

/**
 * A TLS certificate source. Create one with a static factory and pass it as
 * `TlsIngress`'s `certificate`; the same instance may serve several Ingresses (a wildcard).
 *
 * @example
 * TlsCertificate.fromSecretName('secret-tls-svc3');                     // kubectl create secret tls ...
 * TlsCertificate.certManager({ issuerName: 'dev-ca' });                  // a cert-manager Certificate
 * TlsCertificate.fromFiles('certs/wildcard.crt', 'certs/wildcard.key',
 *   { allowPrivateKeyInManifest: true });                                // a Secret in dist/ (opt-in)
 */
export class TlsCertificate {
  /** An existing `kubernetes.io/tls` Secret in the Ingress's namespace (nothing is synthesised). */
  public static fromSecretName(secretName: string): TlsCertificate {
    // a static factory, not a construct: messages name the call (`TlsCertificate.x()`) and the argument or option
    validateDns1123Subdomain('TlsCertificate.fromSecretName()', FieldPath.root('secretName'), secretName);
    return new TlsCertificate(TlsCertificateSource.SECRET_NAME, secretName, {});
  }

  /** A certificate cert-manager issues from an Issuer or ClusterIssuer. */
  public static certManager(options: CertManagerCertificateOptions): TlsCertificate {
    // a static factory, not a construct: messages name the factory and its options
    const where = 'TlsCertificate.certManager()';
    const option = (name: string) => FieldPath.root('options').child(name);
    validateOneIssuer(where, option('issuerName'), options.issuerName, options.clusterIssuerName);
    if (options.issuerName !== undefined) validateDns1123Subdomain(where, option('issuerName'), options.issuerName);
    if (options.clusterIssuerName !== undefined) validateDns1123Subdomain(where, option('clusterIssuerName'), options.clusterIssuerName);
    const mode = validateOneOf(where, option('mode'), options.mode ?? CertManagerMode.CERTIFICATE, Object.values(CertManagerMode));
    if (options.secretName !== undefined) validateDns1123Subdomain(where, option('secretName'), options.secretName);
    if (options.duration !== undefined) validateGoDuration(where, option('duration'), options.duration);
    if (options.renewBefore !== undefined) validateGoDuration(where, option('renewBefore'), options.renewBefore);
    validateKeyOptionsWithoutIngressShim(where, option('privateKeyAlgorithm'), mode === CertManagerMode.INGRESS_SHIM,
      options.privateKeyAlgorithm !== undefined || options.privateKeySize !== undefined);
    const algorithm = validateOneOf(where, option('privateKeyAlgorithm'), options.privateKeyAlgorithm ?? PrivateKeyAlgorithm.ECDSA,
      Object.values(PrivateKeyAlgorithm));
    if (options.privateKeySize !== undefined) validatePrivateKeySize(where, option('privateKeySize'), algorithm, options.privateKeySize);
    return new TlsCertificate(TlsCertificateSource.CERT_MANAGER, options.secretName, { certManager: { ...options, mode, privateKeyAlgorithm: algorithm } });
  }

  /**
   * A `kubernetes.io/tls` Secret from PEM files (certificate chain leaf first, unencrypted key),
   * checked at synth: key matches, not expired (warned within 30 days), RSA >= 2048 bits,
   * subjectAltName present and covering every host it serves, chain order leaf -> intermediate.
   * Writes the private key into the manifest, so it needs `allowPrivateKeyInManifest: true`.
   */
  public static fromFiles(certPath: string, keyPath: string, options: TlsCertificateFromFilesOptions = {}): TlsCertificate {
    const where = 'TlsCertificate.fromFiles()';
    const option = (name: string) => FieldPath.root('options').child(name);
    validatePrivateKeyInManifestAllowed(where, option('allowPrivateKeyInManifest'), options.allowPrivateKeyInManifest, certPath, keyPath);
    if (options.expiryWarningDays !== undefined) validateIntegerRange(where, option('expiryWarningDays'), options.expiryWarningDays, 0, 3650);
    const secretName = validateFileSecretName(where, option('secretName'), options.secretName ?? defaultFileSecretName(certPath),
      options.secretName === undefined ? certPath : undefined);
    return new TlsCertificate(TlsCertificateSource.FILES, secretName, { files: { certPath, keyPath, options } });
  }

  /** Where the Secret comes from. */
  public readonly source: TlsCertificateSource;
  /**
   * Whether this app defines what produces the Secret (FILES: the Secret; CERT_MANAGER: the
   * Certificate or the ingress-shim annotations), as opposed to declaring it external (SECRET_NAME).
   */
  public readonly definedInApp: boolean;
  /** PEM certificate file (FILES). */
  public readonly certPath?: string;
  /** PEM key file (FILES). */
  public readonly keyPath?: string;
  /** cert-manager mode (CERT_MANAGER). */
  public readonly certManagerMode?: CertManagerMode;

  private _secretName?: string;
  private readonly certManagerOptions?: CertManagerCertificateOptions;
  private readonly filesOptions?: TlsCertificateFromFilesOptions;
  private report?: CertificateFilesReport;
  private readonly bindings: Binding[] = [];

  private constructor(source: TlsCertificateSource, secretName: string | undefined, extra: {
    certManager?: CertManagerCertificateOptions;
    files?: { certPath: string; keyPath: string; options: TlsCertificateFromFilesOptions };
  }) {
    this.source = source;
    this._secretName = secretName;
    this.definedInApp = source !== TlsCertificateSource.SECRET_NAME;
    this.certManagerOptions = extra.certManager;
    this.certManagerMode = extra.certManager?.mode;
    this.certPath = extra.files?.certPath;
    this.keyPath = extra.files?.keyPath;
    this.filesOptions = extra.files?.options;
  }

  /**
   * The Secret the Ingress serves. For `certManager` without `secretName` it is known once the
   * certificate is used by its first Ingress (`<ingress name>-tls`).
   */
  public get secretName(): string {
    if (this._secretName === undefined) {
      throw new Error('TlsCertificate.certManager without secretName has no secret name until a TlsIngress uses it ' +
        '(it becomes "<ingress name>-tls"); pass secretName to know it earlier');
    }
    return this._secretName;
  }

  /** The hosts this certificate serves, sorted (all uses). */
  public get hosts(): string[] {
    const all = new Set<string>();
    for (const b of this.bindings) b.hosts.forEach(h => all.add(h));
    return [...all].sort();
  }

  /** The ingress-shim annotations an Ingress using this certificate carries (empty unless INGRESS_SHIM). */
  public get ingressAnnotations(): { [key: string]: string } {
    const o = this.certManagerOptions;
    if (!o || o.mode !== CertManagerMode.INGRESS_SHIM) return {};
    const a: { [key: string]: string } = {};
    if (o.issuerName !== undefined) a[CERT_MANAGER_ANNOTATIONS.issuer] = o.issuerName;
    if (o.clusterIssuerName !== undefined) a[CERT_MANAGER_ANNOTATIONS.clusterIssuer] = o.clusterIssuerName;
    if (o.duration !== undefined) a[CERT_MANAGER_ANNOTATIONS.duration] = o.duration;
    if (o.renewBefore !== undefined) a[CERT_MANAGER_ANNOTATIONS.renewBefore] = o.renewBefore;
    return a;
  }

  /** The objects this certificate synthesised (cert-manager Certificates, Secrets), one per chart that uses it. */
  public get apiObjects(): ApiObject[] {
    return this.bindings.filter(b => b.object !== undefined).map(b => b.object!);
  }

  /**
   * Checks a use before the consumer is constructed (errors carry the consumer's path) and
   * returns the secret name it will serve. FILES: the PEM checks, including that the
   * certificate covers `use.host`.
   * @internal
   */
  public _prepare(consumerPath: string, field: string, use: TlsCertificateUse): string {
    if (this.source === TlsCertificateSource.FILES) {
      if (!this.report) {
        this.report = checkCertificateFiles(consumerPath, field, {
          certPath: this.certPath!, keyPath: this.keyPath!, hosts: [use.host],
          now: this.filesOptions?.now, warningDays: this.filesOptions?.expiryWarningDays ?? EXPIRY_WARNING_DAYS,
        });
      } else {
        checkCoversHosts(consumerPath, field, this.report.dnsNames, [use.host], this.certPath!);
      }
    }
    validateIngressShimCertificateUnshared(consumerPath, field, this._secretName,
      this.source === TlsCertificateSource.CERT_MANAGER && this.certManagerMode === CertManagerMode.INGRESS_SHIM && this.bindings.length > 0);
    return this._secretName ?? `${use.consumerName}-tls`;
  }

  /**
   * Records a use by `consumer` and synthesises what the source needs (a Secret or a
   * Certificate, once per chart, holding every host of that chart). Call `_prepare` first.
   * @internal
   */
  public _bind(consumer: Construct, field: string, use: TlsCertificateUse): void {
    const secretName = this._prepare(consumer.node.path, field, use);
    this._secretName = secretName;
    const chart = Chart.of(consumer);
    let binding = this.bindings.find(b => b.chart === chart);
    if (binding) {
      validateOneNamespacePerChart(consumer.node.path, field, secretName, use.namespace, binding.namespace);
      binding.hosts.add(use.host);
    } else {
      const hosts = new Set<string>([use.host]);
      const object = this.synthesise(chart, consumer.node.path, field, secretName, use.namespace, hosts);
      binding = { chart, namespace: use.namespace, hosts, object };
      this.bindings.push(binding);
    }
    const warn = Warnings.of(binding.object ?? consumer);
    for (const w of this.report?.warnings ?? []) warn.add(w);
    if (this.source === TlsCertificateSource.FILES) {
      warn.add(`the private key from ${JSON.stringify(this.keyPath)} is written into the manifest of Secret ${JSON.stringify(secretName)} ` +
        '(allowPrivateKeyInManifest: true): keep dist/ out of git and public places, or use certManager / fromSecretName');
    }
  }

  private synthesise(chart: Chart, consumerPath: string, field: string, secretName: string, namespace: string | undefined,
    hosts: Set<string>): ApiObject | undefined {
    if (this.source === TlsCertificateSource.SECRET_NAME) return undefined;
    if (this.source === TlsCertificateSource.CERT_MANAGER && this.certManagerMode === CertManagerMode.INGRESS_SHIM) return undefined;
    const id = `${this.source === TlsCertificateSource.FILES ? 'TlsSecret' : 'Certificate'}-${secretName}`;
    validateSecretDefinedOnce(consumerPath, field, secretName, chart.node.path || chart.node.id, chart.node.tryFindChild(id) !== undefined);
    if (this.source === TlsCertificateSource.FILES) {
      const report = this.report!;
      return new k8s.KubeSecret(chart, id, {
        metadata: { name: secretName, namespace },
        type: 'kubernetes.io/tls',
        data: {
          'tls.crt': Buffer.from(report.chainPem, 'utf8').toString('base64'),
          'tls.key': Buffer.from(report.keyPem, 'utf8').toString('base64'),
        },
      });
    }
    const o = this.certManagerOptions!;
    const algorithm = o.privateKeyAlgorithm ?? PrivateKeyAlgorithm.ECDSA;
    return new Certificate(chart, id, {
      metadata: { name: secretName, namespace },
      spec: {
        secretName,
        dnsNames: Lazy.any({ produce: () => [...hosts].sort() }) as unknown as string[],
        issuerRef: o.issuerName !== undefined
          ? { name: o.issuerName, kind: 'Issuer', group: 'cert-manager.io' }
          : { name: o.clusterIssuerName!, kind: 'ClusterIssuer', group: 'cert-manager.io' },
        duration: o.duration,
        renewBefore: o.renewBefore,
        privateKey: {
          algorithm: algorithm as unknown as CertificateSpecPrivateKeyAlgorithm,
          size: algorithm === PrivateKeyAlgorithm.ED25519 ? undefined : o.privateKeySize ?? (algorithm === PrivateKeyAlgorithm.RSA ? 2048 : 256),
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
      },
    });
  }
}

function defaultFileSecretName(certPath: string): string {
  const base = kebabFromId(path.basename(certPath).replace(/\.(crt|pem|cer|cert)$/i, ''));
  return base.endsWith('tls') ? base : `${base}-tls`;
}
