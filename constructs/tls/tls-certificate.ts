/**
 * Where the certificate of a TlsIngress (or a backend) comes from: an existing Secret, cert-manager,
 * or PEM files checked when an Ingress uses them. A Secret made with `kubectl create secret tls` is
 * `fromSecretName`. The factories and each use collect their problems and throw once.
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { IConstruct } from 'constructs';
import {
  Certificate, CertificateSpecPrivateKeyAlgorithm, CertificateSpecPrivateKeyRotationPolicy,
} from '../../imports/cert-manager.io';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { Warnings } from '../core/warnings';
import { dns1123SubdomainProblems } from '../validation/names';
import { oneOfProblems } from '../validation/values';
import { CertificateFilesReport, checkCertificateFiles, coversHostsProblems, EXPIRY_WARNING_DAYS } from './certificate-checks';
import {
  CERT_MANAGER_ANNOTATIONS, CertManagerCertificateOptions, CertManagerMode, PrivateKeyAlgorithm, TlsCertificateFromFilesOptions,
  TlsCertificateSource, TlsCertificateUse,
} from './certificate-options';
import {
  durationProblems, expiryWarningDaysProblems, fileSecretName, fileSecretNameProblems, ingressShimUnsharedProblems, keyOptionsProblems,
  oneIssuerProblems, oneNamespacePerChartProblems, privateKeyInManifestProblems, privateKeySizeProblems,
  secretDefinedOnceProblems,
} from './certificate-rules';

export {
  CERT_MANAGER_ANNOTATIONS, CertManagerCertificateOptions, CertManagerMode, PrivateKeyAlgorithm, TlsCertificateFromFilesOptions,
  TlsCertificateSource, TlsCertificateUse,
} from './certificate-options';

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
 * @stable
 */
export class TlsCertificate {
  /** An existing `kubernetes.io/tls` Secret in the Ingress's namespace (nothing is synthesised). */
  public static fromSecretName(secretName: string): TlsCertificate {
    // a static factory, not a construct: messages name the call (`TlsCertificate.x()`) and the argument or option
    new ProblemList().add(dns1123SubdomainProblems(FieldPath.root('secretName'), secretName)).throwIfAny('TlsCertificate.fromSecretName()');
    return new TlsCertificate(TlsCertificateSource.SECRET_NAME, secretName, {});
  }

  /** A certificate cert-manager issues from an Issuer or ClusterIssuer. */
  public static certManager(options: CertManagerCertificateOptions): TlsCertificate {
    // a static factory, not a construct: messages name the factory and its options
    const option = (name: keyof CertManagerCertificateOptions) => FieldPath.root('options').child(name);
    const name = (key: 'issuerName' | 'clusterIssuerName' | 'secretName') =>
      options[key] === undefined ? [] : dns1123SubdomainProblems(option(key), options[key]);
    const mode = options.mode ?? CertManagerMode.CERTIFICATE;
    const algorithm = options.privateKeyAlgorithm ?? PrivateKeyAlgorithm.ECDSA;
    new ProblemList()
      .add(oneIssuerProblems(option('issuerName'), options))
      .add(name('issuerName'))
      .add(name('clusterIssuerName'))
      .add(oneOfProblems(option('mode'), mode, Object.values(CertManagerMode)))
      .add(name('secretName'))
      .add(durationProblems(option('duration'), options.duration))
      .add(durationProblems(option('renewBefore'), options.renewBefore))
      .add(keyOptionsProblems(option('privateKeyAlgorithm'), mode, options))
      .add(oneOfProblems(option('privateKeyAlgorithm'), algorithm, Object.values(PrivateKeyAlgorithm)))
      .add(privateKeySizeProblems(option('privateKeySize'), algorithm, options.privateKeySize))
      .throwIfAny('TlsCertificate.certManager()');
    const certManager = { ...options, mode, privateKeyAlgorithm: algorithm };
    return new TlsCertificate(TlsCertificateSource.CERT_MANAGER, options.secretName, { certManager });
  }

  /**
   * A `kubernetes.io/tls` Secret from PEM files (certificate chain leaf first, unencrypted key),
   * checked when an Ingress uses it: key matches, not expired (warned within 30 days), RSA >= 2048
   * bits, subjectAltName present and covering every host it serves, chain order leaf -> intermediate.
   * Writes the private key into the manifest, so it needs `allowPrivateKeyInManifest: true`.
   */
  public static fromFiles(certPath: string, keyPath: string, options: TlsCertificateFromFilesOptions = {}): TlsCertificate {
    const option = (name: keyof TlsCertificateFromFilesOptions) => FieldPath.root('options').child(name);
    new ProblemList()
      .add(privateKeyInManifestProblems(option('allowPrivateKeyInManifest'), options.allowPrivateKeyInManifest, certPath, keyPath))
      .add(expiryWarningDaysProblems(option('expiryWarningDays'), options.expiryWarningDays))
      .add(fileSecretNameProblems(option('secretName'), certPath, options.secretName))
      .throwIfAny('TlsCertificate.fromFiles()');
    return new TlsCertificate(TlsCertificateSource.FILES, fileSecretName(certPath, options.secretName), { files: { certPath, keyPath, options } });
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

  /**
   * The Secret's name when it is known already (as `secretName`, without throwing): undefined for
   * a `certManager()` without `secretName` that nothing has used yet.
   * @internal
   */
  public get _knownSecretName(): string | undefined {
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
   * The problems of a use by `consumer` (construct it first, render after): a FILES
   * certificate's PEM files, including that they cover `use.host`; one Ingress per INGRESS_SHIM
   * certificate; one namespace per chart, and no other certificate source writing the same Secret
   * in the chart. Pass the same `use` to `_bind` afterwards.
   * @internal
   */
  public _prepareProblems(consumer: IConstruct, field: FieldPath | string, use: TlsCertificateUse): Problem[] {
    return [...this.useProblems(field, use), ...this.chartProblems(Chart.of(consumer), field, use)];
  }

  /**
   * The Secret a use serves: `secretName`, or `<consumer name>-tls` for a certManager() without
   * one that nothing has used yet.
   * @internal
   */
  public _servedSecretName(use: TlsCertificateUse): string {
    return this._secretName ?? `${use.consumerName}-tls`;
  }

  /**
   * Records a use by `consumer` and synthesises what the source needs (a Secret or a
   * Certificate, once per chart, holding every host of that chart). Collect `_prepareProblems`
   * first: a problem left is thrown here, and takes the half-built consumer out of the tree.
   * @internal
   */
  public _bind(consumer: IConstruct, field: FieldPath | string, use: TlsCertificateUse): void {
    new ProblemList().add(this._prepareProblems(consumer, field, use)).throwIfAny(consumer);
    const secretName = this._servedSecretName(use);
    this._secretName = secretName;
    const chart = Chart.of(consumer);
    let binding = this.bindings.find(b => b.chart === chart);
    if (binding) {
      binding.hosts.add(use.host);
    } else {
      const hosts = new Set<string>([use.host]);
      binding = { chart, namespace: use.namespace, hosts, object: this.synthesise(chart, secretName, use.namespace, hosts) };
      this.bindings.push(binding);
    }
    const warn = Warnings.of(binding.object ?? consumer);
    for (const w of this.report?.warnings ?? []) warn.add(w);
    if (this.source === TlsCertificateSource.FILES) {
      warn.add(`the private key from ${JSON.stringify(this.keyPath)} is written into the manifest of Secret ${JSON.stringify(secretName)} ` +
        '(allowPrivateKeyInManifest: true): keep dist/ out of git and public places, or use certManager / fromSecretName');
    }
  }

  /** The problems of a use that hold for any consumer: the PEM files (FILES), one Ingress per INGRESS_SHIM certificate. */
  private useProblems(field: FieldPath | string, use: TlsCertificateUse): Problem[] {
    return [
      ...this.filesProblems(field, use.host),
      ...ingressShimUnsharedProblems(field, this.certManagerMode, this._secretName, this.bindings.length),
    ];
  }

  /** FILES: the checks of the PEM files (run until they pass; the report is kept) and that they cover `host`. */
  private filesProblems(field: FieldPath | string, host: string): Problem[] {
    if (this.source !== TlsCertificateSource.FILES) return [];
    if (this.report) return coversHostsProblems(field, this.report.dnsNames, [host], this.certPath!);
    const { report, problems } = checkCertificateFiles(field, {
      certPath: this.certPath!, keyPath: this.keyPath!, hosts: [host],
      now: this.filesOptions?.now, warningDays: this.filesOptions?.expiryWarningDays ?? EXPIRY_WARNING_DAYS,
    });
    this.report = report;
    return problems;
  }

  /** The problems of a use in `chart`: one namespace per chart; the object this source writes there not written by another. */
  private chartProblems(chart: Chart, field: FieldPath | string, use: TlsCertificateUse): Problem[] {
    const secretName = this._servedSecretName(use);
    const binding = this.bindings.find(b => b.chart === chart);
    if (binding) return oneNamespacePerChartProblems(field, secretName, use.namespace, binding.namespace);
    const id = this.objectId(secretName);
    return id === undefined ? [] : secretDefinedOnceProblems(field, secretName, chart, id);
  }

  /** The id of the object this source synthesises per chart (a Secret or a Certificate), undefined when it synthesises none. */
  private objectId(secretName: string): string | undefined {
    if (this.source === TlsCertificateSource.SECRET_NAME) return undefined;
    if (this.source === TlsCertificateSource.CERT_MANAGER && this.certManagerMode === CertManagerMode.INGRESS_SHIM) return undefined;
    return `${this.source === TlsCertificateSource.FILES ? 'TlsSecret' : 'Certificate'}-${secretName}`;
  }

  private synthesise(chart: Chart, secretName: string, namespace: string | undefined, hosts: Set<string>): ApiObject | undefined {
    const id = this.objectId(secretName);
    if (id === undefined) return undefined;
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
