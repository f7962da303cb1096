import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { PathType } from '../core/enums';
import { Problem } from '../core/problem';
import { BackendProtocol, TlsMode } from '../exposure/exposure';
import { BackendCa } from '../tls/backend-ca';
import { TlsCertificate } from '../tls/tls-certificate';
import { oneOfProblems } from '../validation/values';
import {
  backendVerificationProblems, certificateChoiceProblems, noCertManagerAnnotationProblems, passthroughPathProblems, passthroughPropsProblems,
  servedCertificateProblems, terminationPropsProblems, TlsModeProps,
} from './exposure-rules';
import { IngressBase, IngressOptions } from './ingress-base';
import { IngressModeChoice, IngressTlsChoice } from './mode-choice';

export { TlsMode } from '../exposure/exposure';

/**
 * Props of {@link TlsIngress}.
 * @stable
 */
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
   * REENCRYPT only: the CA that signs the backend's certificate, as a source:
   * `BackendCa.fromCertificateAuthority(ca)` (its trust Secret, defined in the app) or
   * `BackendCa.fromSecretName(name)` (an existing Secret with `ca.crt`, declared external). With
   * `backendServerName`, the target verifies the backend (ingress-nginx `proxy-ssl-verify: "on"`,
   * Gateway API a BackendTLSPolicy).
   * @default - `backendCaSecretName`; neither: the backend certificate is not verified (a synth-time warning says so)
   */
  readonly backendCa?: BackendCa;
  /**
   * REENCRYPT only: a Secret in the Ingress's namespace whose `ca.crt` signs the backend's
   * certificate. It must be defined in the app (e.g. `CertificateAuthority.trustSecretName`)
   * or declared with `CrossObjectChecks.declareExternalSecret` (the app-wide checks say so).
   * With it ingress-nginx verifies the backend (`proxy-ssl-verify: "on"`).
   * @default - the backend certificate is not verified (a synth-time warning says so)
   * @deprecated use `backendCa` (`BackendCa.fromCertificateAuthority(ca)` or `BackendCa.fromSecretName(name)`); this name
   * must be defined in the app or declared with `CrossObjectChecks.declareExternalSecret`, as before
   */
  readonly backendCaSecretName?: string;
  /**
   * REENCRYPT with `backendCa` (or `backendCaSecretName`): the name the backend's certificate must
   * carry (sent as SNI and verified), e.g. `svc4-cluster-ip.default.svc`.
   * @default - required when `backendCa` or `backendCaSecretName` is set
   */
  readonly backendServerName?: string;
}

/**
 * An Ingress for one host over TLS, in one of three modes.
 *
 * - TERMINATION: `spec.tls` with the host and secret; HTTP to the backend.
 * - REENCRYPT: termination plus `backend-protocol: HTTPS`; with `backendCa` (and `backendServerName`) the
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
 * @stable
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
    super(scope, id, props);
    const tls = this._mode.tls!;
    this.mode = tls.mode;
    this.certificate = tls.certificate;
    this.verifiesBackend = tls.backendVerification !== undefined;
  }

  /** @internal */
  protected _modeChoice(props: TlsIngressProps): IngressModeChoice {
    const modeProblems = oneOfProblems(FieldPath.prop('mode'), props.mode, Object.values(TlsMode));
    if (modeProblems.length > 0) return { backendProtocol: BackendProtocol.HTTPS, tls: { mode: props.mode }, problems: modeProblems };
    const { tls, problems } = tlsChoice(props.mode, props, Chart.of(this).namespace);
    return { backendProtocol: props.mode === TlsMode.TERMINATION ? BackendProtocol.HTTP : BackendProtocol.HTTPS, tls, problems };
  }
}

/** The backend-verification props, as the mode rules name them. */
function backendProps(props: TlsIngressProps): TlsModeProps {
  return { backendCa: props.backendCa?.secretName, backendCaSecretName: props.backendCaSecretName, backendServerName: props.backendServerName };
}

/** The TLS part of the exposure: which props the mode needs or refuses (`namespace`: the chart's). */
function tlsChoice(mode: TlsMode, props: TlsIngressProps, namespace: string | undefined): { tls: IngressTlsChoice; problems: Problem[] } {
  if (mode === TlsMode.PASSTHROUGH) {
    const problems = [
      ...passthroughPropsProblems({ ...backendProps(props), tlsSecretName: props.tlsSecretName, certificate: props.certificate?.source }),
      ...passthroughPathProblems(props.path ?? '/', props.pathType ?? PathType.PREFIX),
    ];
    return { tls: { mode }, problems };
  }
  const problems = certificateChoiceProblems(props.tlsSecretName, props.certificate);
  const certificate = props.tlsSecretName !== undefined && problems.length === 0
    ? TlsCertificate.fromSecretName(props.tlsSecretName) : props.certificate;
  problems.push(...servedCertificateProblems(mode, props.host, props.tlsSecretName ?? certificate));
  if (props.annotations) problems.push(...noCertManagerAnnotationProblems(props.annotations));
  if (mode === TlsMode.TERMINATION) {
    problems.push(...terminationPropsProblems(backendProps(props)));
    return { tls: { mode, certificate }, problems };
  }
  problems.push(...backendVerificationProblems(props.backendCa, props.backendCaSecretName, props.backendServerName));
  if (props.backendCa) problems.push(...props.backendCa._useProblems(FieldPath.prop('backendCa'), namespace));
  const caSecretName = props.backendCa?.secretName ?? props.backendCaSecretName;
  const backendVerification = caSecretName !== undefined && props.backendServerName !== undefined
    ? { caSecretName, serverName: props.backendServerName }
    : undefined;
  return { tls: { mode, certificate, backendVerification, backendCa: props.backendCa }, problems };
}
