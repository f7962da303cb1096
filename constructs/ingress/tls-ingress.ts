import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { pathOf } from '../core/naming';
import { PathType } from '../core/enums';
import { reject } from '../core/errors';
import { validateDns1123Subdomain, validateIngressHost } from '../validation/names';
import { validateOneOf } from '../validation/values';
import { IngressBase, IngressModeSpec, IngressOptions } from './ingress-base';
import { NameKind, resolveName } from '../core/naming';
import { TlsCertificate } from '../tls/tls-certificate';
import { Warnings } from '../core/warnings';

/** Where TLS ends. */
export enum TlsMode {
  /** The controller terminates TLS and speaks plain HTTP to the pods (experiment 5). */
  TERMINATION = 'TERMINATION',
  /** The controller terminates TLS and opens a new TLS connection to the pods (experiment 6). */
  REENCRYPT = 'REENCRYPT',
  /**
   * The controller forwards the TLS stream untouched, chosen by SNI; the pods terminate it
   * (experiment 7). Needs the controller flag `--enable-ssl-passthrough`.
   */
  PASSTHROUGH = 'PASSTHROUGH',
}

/** Props of {@link TlsIngress}. */
export interface TlsIngressProps extends IngressOptions {
  /** Where TLS ends. */
  readonly mode: TlsMode;
  /**
   * The `kubernetes.io/tls` Secret the controller serves for `host`, shorthand for
   * `certificate: TlsCertificate.fromSecretName(...)`. TERMINATION and REENCRYPT need this or
   * `certificate` (exactly one); refused for PASSTHROUGH (the pods hold the certificate).
   * @default - use `certificate` (none for PASSTHROUGH)
   */
  readonly tlsSecretName?: string;
  /**
   * Where the certificate the controller serves comes from: an existing Secret, cert-manager,
   * or PEM files checked at synth (see {@link TlsCertificate}). TERMINATION and REENCRYPT need
   * this or `tlsSecretName` (exactly one); refused for PASSTHROUGH.
   * @default - use `tlsSecretName` (none for PASSTHROUGH)
   */
  readonly certificate?: TlsCertificate;
  /**
   * REENCRYPT only: a Secret in the Ingress's namespace whose `ca.crt` signs the backend's
   * certificate. It must be defined in the app (e.g. `LabCertificateAuthority.trustSecretName`)
   * or declared with `CrossObjectChecks.declareExternalSecret` (the app-wide checks say so).
   * With it ingress-nginx verifies the backend (`proxy-ssl-verify: "on"`).
   * @default - the backend certificate is not verified (a synth-time warning says so)
   */
  readonly backendCaSecretName?: string;
  /**
   * REENCRYPT with `backendCaSecretName`: the name the backend's certificate must carry
   * (sent as SNI and verified), e.g. `svc4-cluster-ip.default.svc`.
   * @default - required when `backendCaSecretName` is set
   */
  readonly backendServerName?: string;
}

/**
 * An Ingress for one host over TLS, in one of three modes (experiments 5, 6 and 7 of the lab).
 *
 * - TERMINATION: `spec.tls` with the host and secret; HTTP to the backend.
 * - REENCRYPT: termination plus `backend-protocol: HTTPS`; with `backendCaSecretName` the
 *   backend is verified (`proxy-ssl-secret`, `proxy-ssl-verify: "on"`, `proxy-ssl-name`,
 *   `proxy-ssl-server-name: "on"`); without it, it is not (warned at synth).
 * - PASSTHROUGH: `ssl-passthrough: "true"`, exact host, path `/` only, no `spec.tls`. The
 *   controller must run with `--enable-ssl-passthrough`, and clients must send the host as
 *   SNI (`curl --resolve`, not `-H Host:`).
 *
 * With ingress-nginx's defaults, a host with `spec.tls` also redirects HTTP to HTTPS (308).
 *
 * @example
 * new TlsIngress(chart, 'Svc3Ingress', {
 *   host: 'svc3.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'secret-tls-svc3',
 *   backend: { serviceName: 'svc3-cluster-ip', port: 8888 },
 * });
 * // curl --cacert ca.crt --resolve svc3.example.com:443:<node-ip> https://svc3.example.com/
 */
export class TlsIngress extends IngressBase {
  /** Where TLS ends. */
  public readonly mode: TlsMode;
  /** Whether the controller verifies the backend's certificate (REENCRYPT with a CA). */
  public readonly verifiesBackend: boolean;
  /**
   * The certificate served (`tlsSecretName` becomes `TlsCertificate.fromSecretName`); undefined
   * for PASSTHROUGH. Its `secretName`, `source` and `definedInApp` say whether the app defines the
   * Secret or declares it external.
   */
  public readonly certificate?: TlsCertificate;

  constructor(scope: Construct, id: string, props: TlsIngressProps) {
    const path = pathOf(scope, id);
    const mode = validateOneOf(path, 'props.mode', props.mode, Object.values(TlsMode));
    const certificate = resolveCertificate(path, mode, props);
    let secretName: string | undefined;
    let shim: { [key: string]: string } = {};
    if (certificate) {
      validateIngressHost(path, 'spec.rules[0].host', props.host, true);
      const ingressName = resolveName(scope, id, props.name, NameKind.DNS1123_SUBDOMAIN);
      secretName = certificate._prepare(path, 'props.certificate', { host: props.host, consumerName: ingressName });
      shim = certificate.ingressAnnotations;
      for (const key of Object.keys(props.annotations ?? {})) {
        if (key.startsWith('cert-manager.io/')) {
          reject(path, `metadata.annotations[${JSON.stringify(key)}]`, 'is a cert-manager annotation, which TlsIngress manages from props.certificate; ' +
            'allowed: TlsCertificate.certManager({ mode: CertManagerMode.INGRESS_SHIM, ... }) instead');
        }
      }
    }
    const modeOnly = modeSpec(scope, path, mode, props, secretName);
    // a Secret named by fromSecretName/tlsSecretName exists outside the app; fromFiles and cert-manager define theirs
    const spec = certificate && !certificate.definedInApp && secretName !== undefined ? { ...modeOnly, externalSecretNames: [secretName] } : modeOnly;
    super(scope, id, Object.keys(shim).length > 0 ? { ...props, annotations: { ...props.annotations, ...shim } } : props, spec);
    this.mode = mode;
    this.certificate = certificate;
    certificate?._bind(this, 'props.certificate', { host: props.host, consumerName: this.name, namespace: spec.namespace });
    this.verifiesBackend = props.backendCaSecretName !== undefined;
    if (mode === TlsMode.REENCRYPT && !this.verifiesBackend) {
      Warnings.of(this).add(`REENCRYPT to ${props.backend.serviceName} does not verify the backend's certificate ` +
        '(ingress-nginx\'s default proxy-ssl-verify is off): set backendCaSecretName and backendServerName to verify it');
    }
  }
}

const MANAGED = ['backend-protocol', 'ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name'];

function resolveCertificate(path: string, mode: TlsMode, props: TlsIngressProps): TlsCertificate | undefined {
  if (mode === TlsMode.PASSTHROUGH) return undefined;
  if (props.tlsSecretName !== undefined && props.certificate !== undefined) {
    reject(path, 'props.certificate', `is set together with tlsSecretName ${JSON.stringify(props.tlsSecretName)}; allowed: exactly one of them ` +
      '(tlsSecretName is shorthand for TlsCertificate.fromSecretName)');
  }
  if (props.tlsSecretName !== undefined) {
    validateDns1123Subdomain(path, 'spec.tls[0].secretName', props.tlsSecretName);
    return TlsCertificate.fromSecretName(props.tlsSecretName);
  }
  return props.certificate;
}

function modeSpec(scope: Construct, path: string, mode: TlsMode, props: TlsIngressProps, tlsSecretName: string | undefined): IngressModeSpec {
  if (mode === TlsMode.PASSTHROUGH) {
    for (const [field, value] of [['tlsSecretName', props.tlsSecretName], ['certificate', props.certificate?.source],
      ['backendCaSecretName', props.backendCaSecretName], ['backendServerName', props.backendServerName]] as const) {
      if (value !== undefined) {
        reject(path, `props.${field}`, `${JSON.stringify(value)} is set, but PASSTHROUGH forwards TLS untouched to the pods, which hold the ` +
          `certificate; allowed: no ${field} in PASSTHROUGH mode`);
      }
    }
    if ((props.path ?? '/') !== '/' || (props.pathType ?? PathType.PREFIX) !== PathType.PREFIX) {
      reject(path, 'spec.rules[0].http.paths[0].path', `${JSON.stringify(props.path ?? '/')} (${props.pathType ?? PathType.PREFIX}) cannot be routed: ` +
        'PASSTHROUGH chooses the backend by SNI host before any HTTP is seen; allowed: path "/" with pathType Prefix');
    }
    return { nginxAnnotations: { 'ssl-passthrough': 'true' }, managedAnnotations: MANAGED, allowWildcardHost: false };
  }

  if (tlsSecretName === undefined) {
    reject(path, 'props.tlsSecretName', `is missing; ${mode} needs the kubernetes.io/tls Secret the controller serves for ${JSON.stringify(props.host)} ` +
      '(without one ingress-nginx serves its self-signed fake certificate); allowed: tlsSecretName or certificate (TlsCertificate)');
  }
  if (mode === TlsMode.TERMINATION) {
    for (const [field, value] of [['backendCaSecretName', props.backendCaSecretName], ['backendServerName', props.backendServerName]] as const) {
      if (value !== undefined) {
        reject(path, `props.${field}`, `${JSON.stringify(value)} is set, but TERMINATION speaks plain HTTP to the backend; allowed: use mode REENCRYPT`);
      }
    }
    return { nginxAnnotations: {}, managedAnnotations: MANAGED, tlsSecretName, allowWildcardHost: true };
  }

  const annotations: { [key: string]: string } = { 'backend-protocol': 'HTTPS' };
  let namespace: string | undefined;
  if (props.backendCaSecretName !== undefined) {
    validateDns1123Subdomain(path, 'props.backendCaSecretName', props.backendCaSecretName);
    if (props.backendServerName === undefined) {
      reject(path, 'props.backendServerName', 'is missing; with backendCaSecretName ingress-nginx verifies the backend\'s certificate ' +
        'against this name (proxy-ssl-name); allowed: a DNS name in the backend certificate\'s subjectAltName');
    }
    validateDns1123Subdomain(path, 'props.backendServerName', props.backendServerName);
    // ingress-nginx reads proxy-ssl-secret as "namespace/name"; keeping the CA secret in the Ingress's own
    // namespace works whatever the controller allows across namespaces, so it is pinned: the chart's, else "default".
    const chartNamespace = Chart.of(scope).namespace;
    namespace = chartNamespace ? undefined : 'default';
    Object.assign(annotations, {
      'proxy-ssl-secret': `${chartNamespace ?? 'default'}/${props.backendCaSecretName}`,
      'proxy-ssl-verify': 'on',
      'proxy-ssl-name': props.backendServerName,
      'proxy-ssl-server-name': 'on',
    });
  } else if (props.backendServerName !== undefined) {
    reject(path, 'props.backendServerName', `${JSON.stringify(props.backendServerName)} is set without backendCaSecretName; ` +
      'allowed: set both to verify the backend, or neither');
  }
  return { nginxAnnotations: annotations, managedAnnotations: MANAGED, tlsSecretName, allowWildcardHost: true, namespace };
}
