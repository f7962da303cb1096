import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { PathType } from '../core/enums';
import {
  validateBackendVerification, validateCertificateChoice, validateNoCertManagerAnnotations, validatePassthroughPath,
  validatePassthroughProps, validateServedCertificatePresent, validateTerminationProps,
} from '../validation/ingress-rules';
import { validateOneOf } from '../validation/values';
import { TlsCertificate } from '../tls/tls-certificate';
import { IngressBase, IngressOptions } from './ingress-base';
import { BackendProtocol, IngressModeIntent, TlsIntent, TlsMode } from './model/ingress-intent';

export { TlsMode } from './model/ingress-intent';

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
 * An Ingress for one host over TLS, in one of three modes.
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
    super(scope, id, props);
    const tls = this._intent.tls!;
    this.mode = tls.mode;
    this.certificate = tls.certificate;
    this.verifiesBackend = tls.backendVerification !== undefined;
  }

  /** @internal */
  protected _modeIntent(props: TlsIngressProps): IngressModeIntent {
    const path = this.node.path;
    const mode = validateOneOf(path, FieldPath.prop('mode').toString(), props.mode, Object.values(TlsMode));
    return { backendProtocol: mode === TlsMode.TERMINATION ? BackendProtocol.HTTP : BackendProtocol.HTTPS, tls: tlsIntent(path, mode, props) };
  }
}

/** The TLS part of the intent: which props the mode needs or refuses, checked in that order. */
function tlsIntent(path: string, mode: TlsMode, props: TlsIngressProps): TlsIntent {
  if (mode === TlsMode.PASSTHROUGH) {
    validatePassthroughProps(path, { ...props, certificate: props.certificate?.source });
    validatePassthroughPath(path, props.path ?? '/', props.pathType ?? PathType.PREFIX);
    return { mode };
  }
  validateCertificateChoice(path, props.tlsSecretName, props.certificate !== undefined);
  const certificate = props.tlsSecretName !== undefined ? TlsCertificate.fromSecretName(props.tlsSecretName) : props.certificate;
  validateServedCertificatePresent(path, mode, props.host, certificate !== undefined);
  if (props.annotations) validateNoCertManagerAnnotations(path, props.annotations);
  if (mode === TlsMode.TERMINATION) {
    validateTerminationProps(path, { backendCaSecretName: props.backendCaSecretName, backendServerName: props.backendServerName });
    return { mode, certificate };
  }
  validateBackendVerification(path, props.backendCaSecretName, props.backendServerName);
  const backendVerification = props.backendCaSecretName !== undefined
    ? { caSecretName: props.backendCaSecretName, serverName: props.backendServerName! }
    : undefined;
  return { mode, certificate, backendVerification };
}
