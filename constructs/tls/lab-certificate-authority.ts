/**
 * The seed's "build your own CA" fix (experiment 5), done in the cluster by cert-manager:
 * self-signed Issuer -> CA Certificate -> CA Issuer -> per-host Certificates, so that
 * `curl --cacert ca.crt` verifies end to end and ingress-nginx can verify re-encrypted backends.
 */
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  Certificate, CertificateSpecPrivateKeyAlgorithm, CertificateSpecPrivateKeyRotationPolicy, Issuer,
} from '../../imports/cert-manager.io';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { checkKeyStrength, checkValidity, parseCertificateChain, readPemFile } from './certificate-checks';
import { pathOf } from '../core/naming';
import { reject } from '../core/errors';
import { validateDns1123Subdomain, validateIngressHost } from '../validation/names';
import { kebabFromId, NameKind, resolveName } from '../core/naming';
import { CertManagerCertificateOptions, PrivateKeyAlgorithm, TlsCertificate } from './tls-certificate';
import { Warnings } from '../core/warnings';

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** Props of {@link LabCertificateAuthority}. */
export interface LabCertificateAuthorityProps {
  /**
   * Base name: the CA Issuer is `<name>`, the CA's Secret `<name>-ca`, the self-signed
   * bootstrap Issuer `<name>-selfsigned`, the trust-only Secret `<name>-trust`.
   * @default - derived from the construct id (`LabCa` -> `lab-ca`)
   */
  readonly name?: string;
  /**
   * The CA certificate's common name.
   * @default 'cdk8s-expose lab CA'
   */
  readonly commonName?: string;
  /**
   * The CA certificate's lifetime (Go duration).
   * @default '87600h' (10 years)
   */
  readonly caDuration?: string;
  /**
   * Use an existing CA instead of bootstrapping one in the cluster: the public PEM of the CA
   * (e.g. `.lab-certs/ca.crt` from `npm run lab:certs`). Its key never enters the manifest:
   * create the Secret `<name>-ca` out of band (`caSecretCommand`). The trust-only Secret is
   * then synthesised from this public certificate, so re-encryption verification needs no
   * manual step.
   * @default - bootstrap a CA in the cluster (self-signed Issuer -> CA Certificate)
   */
  readonly caCertificateFile?: string;
}

/** Props of {@link LabCertificateAuthority.addServerCertificate}. */
export interface LabServerCertificateProps {
  /** The DNS names, e.g. a backend Service's `svc4-cluster-ip`, `svc4-cluster-ip.default.svc`. */
  readonly dnsNames: string[];
  /**
   * The Secret cert-manager writes (`tls.crt`, `tls.key`, `ca.crt`).
   * @default - derived from the id (`Svc4Backend` -> `svc4-backend-tls`)
   */
  readonly secretName?: string;
  /**
   * Lifetime (Go duration).
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: string;
}

/**
 * A lab CA in the cluster, with cert-manager (which must be installed):
 *
 *   Issuer <name>-selfsigned  (selfSigned)
 *     -> Certificate <name>-ca  (isCA, ECDSA P-256, key never rotated, 10 years) -> Secret <name>-ca
 *       -> Issuer <name>  (ca.secretName: <name>-ca)
 *         -> Certificates for ingress hosts (`certificate()`) and backends (`addServerCertificate()`)
 *
 * Trust: ingress-nginx's `proxy-ssl-secret` needs a Secret with `ca.crt`. `<name>-ca` has one but
 * also holds the CA's private key, and a leaf secret's `ca.crt` is not a stable trust anchor
 * (cert-manager advises against consuming it), so the construct names a trust-only Secret
 * `<name>-trust` holding just `ca.crt`. With `caCertificateFile` it is synthesised; in bootstrap
 * mode the CA exists only in the cluster, so it is copied once with `trustSecretCommand` (warned
 * at synth). The copy stays valid across CA renewals because the CA key is never rotated.
 *
 * @example
 * const ca = new LabCertificateAuthority(chart, 'LabCa');
 * new TlsIngress(chart, 'Svc3Ingress', { host: 'svc3.example.com', mode: TlsMode.TERMINATION,
 *   certificate: ca.certificate(), backend: { serviceName: 'svc3-cluster-ip', port: 8888 } });
 * // kubectl get secret lab-ca-ca -o jsonpath='{.data.tls\.crt}' | base64 -d > ca.crt
 * // curl --cacert ca.crt --resolve svc3.example.com:443:<node-ip> https://svc3.example.com/
 */
export class LabCertificateAuthority extends Construct {
  /** The CA Issuer that signs host certificates (namespaced: Certificates must be in its namespace). */
  public readonly issuerName: string;
  /** The Secret with the CA's certificate and private key (never use it as proxy-ssl-secret). */
  public readonly caSecretName: string;
  /** The trust-only Secret (`ca.crt` only) for TlsIngress `backendCaSecretName`. */
  public readonly trustSecretName: string;
  /** Whether the trust-only Secret is synthesised (with `caCertificateFile`) or must be copied (bootstrap). */
  public readonly trustSecretDefined: boolean;
  /** Whether the CA is bootstrapped in the cluster (self-signed Issuer and CA Certificate synthesised). */
  public readonly bootstrapsInCluster: boolean;
  /** Shell command that creates or refreshes the trust-only Secret from the CA Secret (bootstrap mode). */
  public readonly trustSecretCommand: string;
  /** Shell command that creates the CA Secret from `.lab-certs` (with `caCertificateFile`), else undefined. */
  public readonly caSecretCommand?: string;
  /** Shell command that writes the CA certificate to `ca.crt` for `curl --cacert`. */
  public readonly exportCaCommand: string;
  /** The CA Issuer. */
  public readonly issuer: ApiObject;

  constructor(scope: Construct, id: string, props: LabCertificateAuthorityProps = {}) {
    const path = pathOf(scope, id);
    const name = resolveName(scope, id, props.name, NameKind.DNS1123_SUBDOMAIN);
    for (const suffix of ['-ca', '-selfsigned', '-trust']) validateDns1123Subdomain(path, 'props.name', name + suffix);
    const caDuration = props.caDuration ?? '87600h';
    if (!GO_DURATION.test(caDuration)) reject(path, 'props.caDuration', `${JSON.stringify(caDuration)} is not a Go duration; allowed: e.g. "87600h"`);
    const commonName = props.commonName ?? 'cdk8s-expose lab CA';
    if (commonName.length === 0 || commonName.length > 64) {
      reject(path, 'props.commonName', `${JSON.stringify(commonName)} has ${commonName.length} characters; allowed: 1-64 (X.509 upper bound)`);
    }
    let caPem: string | undefined;
    let caWarning: string | undefined;
    if (props.caCertificateFile !== undefined) {
      const file = props.caCertificateFile;
      const chain = parseCertificateChain(path, 'props.caCertificateFile', file, readPemFile(path, 'props.caCertificateFile', file));
      const ca = chain[0];
      if (!ca.ca) reject(path, 'props.caCertificateFile', `the certificate in ${JSON.stringify(file)} is not a CA (basicConstraints CA:FALSE); allowed: a CA certificate such as .lab-certs/ca.crt`);
      checkKeyStrength(path, 'props.caCertificateFile', ca, file);
      caWarning = checkValidity(path, 'props.caCertificateFile', ca, file, new Date());
      caPem = chain.map(c => c.toString().trim()).join('\n') + '\n';
    }
    super(scope, id);

    this.issuerName = name;
    this.caSecretName = `${name}-ca`;
    this.trustSecretName = `${name}-trust`;
    this.bootstrapsInCluster = caPem === undefined;
    this.trustSecretDefined = caPem !== undefined;
    this.exportCaCommand = `kubectl get secret ${this.caSecretName} -o jsonpath='{.data.tls\\.crt}' | base64 -d > ca.crt`;
    this.trustSecretCommand = `kubectl create secret generic ${this.trustSecretName} --from-literal=ca.crt="$(kubectl get secret ` +
      `${this.caSecretName} -o jsonpath='{.data.tls\\.crt}' | base64 -d)" --dry-run=client -o yaml | kubectl apply -f -`;

    if (caPem === undefined) {
      const selfSigned = new Issuer(this, 'SelfSignedIssuer', {
        metadata: { name: `${name}-selfsigned` },
        spec: { selfSigned: {} },
      });
      new Certificate(this, 'CaCertificate', {
        metadata: { name: this.caSecretName },
        spec: {
          isCa: true,
          commonName,
          secretName: this.caSecretName,
          duration: caDuration,
          privateKey: {
            algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
            size: 256,
            // a copied trust bundle (ca.crt) stays valid across renewals only if the CA key does not change
            rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.NEVER,
          },
          issuerRef: { name: selfSigned.name, kind: 'Issuer', group: 'cert-manager.io' },
        },
      });
      // created out of band by trustSecretCommand, so references to it are not reported as undefined
      CrossObjectChecks.declareExternalSecret(this, this.trustSecretName, Chart.of(this).namespace);
      Warnings.of(this).add(`the trust-only Secret ${JSON.stringify(this.trustSecretName)} (ca.crt for proxy-ssl-secret) cannot be synthesised ` +
        'because the CA is created in the cluster; once cert-manager has issued it, run: ' + this.trustSecretCommand);
    } else {
      this.caSecretCommand = `kubectl create secret tls ${this.caSecretName} --cert ${props.caCertificateFile} ` +
        `--key ${props.caCertificateFile!.replace(/\.(crt|pem)$/, '.key')}`;
      new k8s.KubeSecret(this, 'TrustSecret', {
        metadata: { name: this.trustSecretName },
        type: 'Opaque',
        data: { 'ca.crt': Buffer.from(caPem, 'utf8').toString('base64') },
      });
      Warnings.of(this).add(`the CA Secret ${JSON.stringify(this.caSecretName)} (with the CA's private key) is not in the manifest; ` +
        `create it once: ${this.caSecretCommand}`);
      if (caWarning) Warnings.of(this).add(caWarning);
    }
    this.issuer = new Issuer(this, 'CaIssuer', {
      metadata: { name },
      spec: { ca: { secretName: this.caSecretName } },
    });
  }

  /**
   * A certificate for Ingress hosts signed by this CA (a cert-manager Certificate with every
   * host of the Ingresses that use it).
   */
  public certificate(options: LabIngressCertificateOptions = {}): TlsCertificate {
    const o: CertManagerCertificateOptions = {
      issuerName: this.issuerName,
      secretName: options.secretName,
      duration: options.duration,
      privateKeyAlgorithm: options.privateKeyAlgorithm,
    };
    return TlsCertificate.certManager(o);
  }

  /**
   * A serving certificate for a backend (a cert-manager Certificate signed by this CA), e.g. for
   * a DemoBackend over HTTPS; its Secret holds `tls.crt` and `tls.key`.
   */
  public addServerCertificate(id: string, props: LabServerCertificateProps): ApiObject {
    const path = pathOf(this, id);
    const secretName = props.secretName ?? `${kebabFromId(id)}-tls`;
    validateDns1123Subdomain(path, 'props.secretName', secretName);
    if (props.dnsNames.length === 0) reject(path, 'props.dnsNames', 'is empty; allowed: at least one DNS name (clients check the subjectAltName)');
    props.dnsNames.forEach((n, i) => validateIngressHost(path, `props.dnsNames[${i}]`, n, true));
    if (props.duration !== undefined && !GO_DURATION.test(props.duration)) {
      reject(path, 'props.duration', `${JSON.stringify(props.duration)} is not a Go duration; allowed: e.g. "2160h"`);
    }
    return new Certificate(this, id, {
      metadata: { name: secretName },
      spec: {
        secretName,
        dnsNames: [...props.dnsNames],
        duration: props.duration,
        privateKey: {
          algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
          size: 256,
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
        issuerRef: { name: this.issuerName, kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
  }
}

/** Options of {@link LabCertificateAuthority.certificate}. */
export interface LabIngressCertificateOptions {
  /**
   * The Secret cert-manager writes.
   * @default - `<ingress name>-tls` of the first Ingress using it
   */
  readonly secretName?: string;
  /**
   * Lifetime (Go duration).
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: string;
  /**
   * Key algorithm.
   * @default PrivateKeyAlgorithm.ECDSA
   */
  readonly privateKeyAlgorithm?: PrivateKeyAlgorithm;
}
