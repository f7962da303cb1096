/**
 * A certificate authority run in the cluster by cert-manager, bootstrapped self-signed
 * (self-signed Issuer -> CA Certificate -> CA Issuer) or from an existing CA's public PEM, and
 * the per-host Certificates it signs, so that `curl --cacert ca.crt` verifies end to end and
 * ingress-nginx can verify re-encrypted backends.
 */
import { ApiObject, Chart } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  Certificate, CertificateSpecPrivateKeyAlgorithm, CertificateSpecPrivateKeyRotationPolicy, CertificateSpecUsages, Issuer,
} from '../../imports/cert-manager.io';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { kebabFromId, pathOf } from '../core/naming';
import { Problem } from '../core/problem';
import { Warnings } from '../core/warnings';
import { dns1123SubdomainProblems, ingressHostProblems } from '../validation/names';
import { NameKind, resolveName } from '../validation/object-names';
import { expiryWarning, keyStrengthProblems, parseCertificateChain, readPemFile, validityProblems } from './certificate-checks';
import { caCertificateProblems, caDerivedNamesProblems, commonNameProblems, dnsNamesNotEmptyProblems, durationProblems } from './certificate-rules';
import { CertManagerCertificateOptions, PrivateKeyAlgorithm, TlsCertificate } from './tls-certificate';

/**
 * Props of {@link CertificateAuthority}.
 * @stable
 */
export interface CertificateAuthorityProps {
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
   * (written by whatever tool you keep your CA with; see docs/tls.md). Its key never enters the manifest:
   * create the Secret `<name>-ca` out of band (`caSecretCommand`). The trust-only Secret is
   * then synthesised from this public certificate, so re-encryption verification needs no
   * manual step.
   * @default - bootstrap a CA in the cluster (self-signed Issuer -> CA Certificate)
   */
  readonly caCertificateFile?: string;
}

/**
 * Props of {@link CertificateAuthority.addServerCertificate}.
 * @stable
 */
export interface ServerCertificateProps {
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
 * A certificate authority run by cert-manager (which must be installed). By default it is
 * bootstrapped self-signed in the cluster (for development clusters, not for production trust):
 *
 *   Issuer <name>-selfsigned  (selfSigned)
 *     -> Certificate <name>-ca  (isCA, ECDSA P-256, key never rotated, 10 years) -> Secret <name>-ca
 *       -> Issuer <name>  (ca.secretName: <name>-ca)
 *         -> Certificate <name>-trust (client auth) -> Secret <name>-trust, whose ca.crt is the CA
 *         -> Certificates for ingress hosts (`certificate()`) and backends (`addServerCertificate()`)
 *
 * Trust: ingress-nginx's `proxy-ssl-secret` needs a Secret with `ca.crt`. `<name>-ca` has one but
 * also holds the CA's private key, so it is never used. Instead the CA Issuer issues one more
 * certificate, `<name>-trust` (a client certificate, usage `client auth`): every Secret that
 * cert-manager's CA issuer writes carries `ca.crt` = the issuing CA, so that Secret is a
 * declarative trust anchor (no manual step, no CA key in it). ingress-nginx may present its
 * `tls.crt` to the backend as a client certificate, which a backend that does not ask for one
 * ignores. The CA key is never rotated, so `ca.crt` stays the same across renewals.
 *
 * With `caCertificateFile` it is an existing CA instead: no self-signed Issuer and no CA
 * Certificate, the Secret `<name>-ca` with the CA's key is created out of band
 * (`caSecretCommand`), and the trust Secret is synthesised from the public PEM.
 *
 * @example
 * const ca = new CertificateAuthority(chart, 'Ca');
 * new TlsIngress(chart, 'Svc3Ingress', { host: 'svc3.example.com', mode: TlsMode.TERMINATION,
 *   certificate: ca.certificate(), backend: { serviceName: 'svc3-cluster-ip', port: 8888 } });
 * // kubectl get secret ca-trust -o jsonpath='{.data.ca\.crt}' | base64 -d > ca.crt
 * // curl --cacert ca.crt --resolve svc3.example.com:443:<node-ip> https://svc3.example.com/
 * @stable
 */
export class CertificateAuthority extends Construct {
  /** The CA Issuer that signs host certificates (namespaced: Certificates must be in its namespace). */
  public readonly issuerName: string;
  /** The Secret with the CA's certificate and private key (never use it as proxy-ssl-secret). */
  public readonly caSecretName: string;
  /** The trust Secret (`ca.crt` = this CA, no CA key) for TlsIngress `backendCaSecretName`. */
  public readonly trustSecretName: string;
  /** Whether the trust Secret is defined in the app: always (a Certificate in bootstrap mode, a Secret with `caCertificateFile`). */
  public readonly trustSecretDefined: boolean;
  /** Whether the CA is bootstrapped in the cluster (self-signed Issuer and CA Certificate synthesised). */
  public readonly bootstrapsInCluster: boolean;
  /** Shell command that creates the CA Secret from `caCertificateFile` and its key (next to it, `.key`), else undefined. */
  public readonly caSecretCommand?: string;
  /**
   * Shell command that writes the CA certificate (the trust Secret's `ca.crt`) to `ca.crt` for
   * `curl --cacert`; `-n` when the chart has a namespace.
   */
  public readonly exportCaCommand: string;
  /** The CA Issuer. */
  public readonly issuer: ApiObject;

  constructor(scope: Construct, id: string, props: CertificateAuthorityProps = {}) {
    super(scope, id);
    // several objects come from each prop, so messages name the prop
    const name = resolveName(this, props.name, NameKind.DNS1123_SUBDOMAIN);
    const caDuration = props.caDuration ?? '87600h';
    const commonName = props.commonName ?? 'cdk8s-expose lab CA';
    const file = props.caCertificateFile;
    const existing = file === undefined ? undefined : readExistingCa(FieldPath.prop('caCertificateFile'), file, new Date());
    new ProblemList()
      .add(caDerivedNamesProblems(FieldPath.prop('name'), name))
      .add(durationProblems(FieldPath.prop('caDuration'), caDuration))
      .add(commonNameProblems(FieldPath.prop('commonName'), commonName))
      .add(existing?.problems ?? [])
      .throwIfAny(this);

    CrossObjectChecks.of(this);
    this.issuerName = name;
    this.caSecretName = `${name}-ca`;
    this.trustSecretName = `${name}-trust`;
    this.bootstrapsInCluster = file === undefined;
    this.trustSecretDefined = true;
    const namespace = Chart.of(this).namespace;
    const kubectl = namespace ? `kubectl -n ${namespace}` : 'kubectl';
    this.exportCaCommand = `${kubectl} get secret ${this.trustSecretName} -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.crt`;
    if (file === undefined) {
      this.bootstrap(commonName, caDuration);
    } else {
      this.caSecretCommand = `${kubectl} create secret tls ${this.caSecretName} --cert ${file} --key ${file.replace(/\.(crt|pem)$/, '.key')}`;
      this.trustExistingCa(existing!.pem!, this.caSecretCommand, existing!.warning);
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
  public certificate(options: IngressCertificateOptions = {}): TlsCertificate {
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
  public addServerCertificate(id: string, props: ServerCertificateProps): ApiObject {
    // validated before the Certificate exists; each prop maps to one field of it
    const secretName = props.secretName ?? `${kebabFromId(id)}-tls`;
    const dnsNames = FieldPath.spec('dnsNames');
    new ProblemList()
      .add(dns1123SubdomainProblems(FieldPath.spec('secretName'), secretName))
      .add(dnsNamesNotEmptyProblems(dnsNames, props.dnsNames))
      .add(props.dnsNames.flatMap((n, i) => ingressHostProblems(dnsNames.index(i), n, true)))
      .add(durationProblems(FieldPath.spec('duration'), props.duration))
      .throwIfAny(pathOf(this, id));
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

  /** The CA bootstrapped in the cluster: self-signed Issuer -> CA Certificate, and the trust Certificate from the CA Issuer. */
  private bootstrap(commonName: string, caDuration: string): void {
    const selfSigned = new Issuer(this, 'SelfSignedIssuer', {
      metadata: { name: `${this.issuerName}-selfsigned` },
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
          // ca.crt in the issued Secrets (the trust anchor) stays the same across renewals only if the CA key does not change
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.NEVER,
        },
        issuerRef: { name: selfSigned.name, kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
    // the trust anchor: a client certificate from this CA, whose Secret's ca.crt is the CA (never the CA's own Secret)
    new Certificate(this, 'TrustCertificate', {
      metadata: { name: this.trustSecretName },
      spec: {
        commonName: `${this.issuerName} trust`,
        secretName: this.trustSecretName,
        usages: [CertificateSpecUsages.DIGITAL_SIGNATURE, CertificateSpecUsages.CLIENT_AUTH],
        privateKey: {
          algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
          size: 256,
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
        issuerRef: { name: this.issuerName, kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
  }

  /** An existing CA: the trust Secret from its public PEM; its key's Secret is created out of band (warned with the command). */
  private trustExistingCa(caPem: string, caSecretCommand: string, caWarning: string | undefined): void {
    new k8s.KubeSecret(this, 'TrustSecret', {
      metadata: { name: this.trustSecretName },
      type: 'Opaque',
      data: { 'ca.crt': Buffer.from(caPem, 'utf8').toString('base64') },
    });
    Warnings.of(this).add(`the CA Secret ${JSON.stringify(this.caSecretName)} (with the CA's private key) is not in the manifest; ` +
      `create it once: ${caSecretCommand}`);
    if (caWarning) Warnings.of(this).add(caWarning);
  }
}

/** An existing CA's PEM file: readable, a CA, a strong key, valid at `now`; its PEM and an expiry warning if it has no problem. */
function readExistingCa(field: FieldPath, file: string, now: Date): { pem?: string; warning?: string; problems: Problem[] } {
  const text = readPemFile(field, file);
  const chain = text.value === undefined ? undefined : parseCertificateChain(field, file, text.value);
  if (chain?.value === undefined) return { problems: [...text.problems, ...(chain?.problems ?? [])] };
  const ca = chain.value[0];
  const problems = [...caCertificateProblems(field, ca, file), ...keyStrengthProblems(field, ca, file), ...validityProblems(field, ca, file, now)];
  if (problems.length > 0) return { problems };
  return { pem: chain.value.map(c => c.toString().trim()).join('\n') + '\n', warning: expiryWarning(ca, file, now), problems };
}

/**
 * Options of {@link CertificateAuthority.certificate}.
 * @stable
 */
export interface IngressCertificateOptions {
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
