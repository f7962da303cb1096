/**
 * Ingress rules: the backend reference, the annotations a construct manages, and the TLS-mode
 * combinations of TlsIngress props (the API server's `validateIngressBackend` and
 * `validateIngressTLS`, plus what a controller needs for each TLS mode).
 *
 * Modes are passed by name so that this layer does not depend on the ingress constructs.
 */
import { reject as fail, show } from '../core/errors';
import { PathType } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { validateDns1035Label, validateDns1123Subdomain } from './names';
import { validatePortName, validatePortNumber } from './ports';

const RULE0 = FieldPath.spec('rules').index(0);
const PATH0 = RULE0.child('http').child('paths').index(0);

/** The manifest fields of a one-rule, one-path Ingress, as messages name them. */
export const INGRESS_FIELDS = {
  name: FieldPath.metadata('name'),
  labels: FieldPath.metadata('labels'),
  host: RULE0.child('host'),
  path: PATH0.child('path'),
  pathType: PATH0.child('pathType'),
  backendService: PATH0.child('backend').child('service'),
  ingressClassName: FieldPath.spec('ingressClassName'),
  tlsSecretName: FieldPath.spec('tls').index(0).child('secretName'),
  annotation: (key: string) => FieldPath.metadata('annotations').key(key),
} as const;

/** The deprecated class annotation; the API server rejects it together with `spec.ingressClassName`. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const CERT_MANAGER_PREFIX = 'cert-manager.io/';

/** A backend reference: what `validateIngressBackend` reads. */
export interface IngressBackendRef {
  readonly serviceName: string;
  readonly port?: number;
  readonly portName?: string;
}

/** An Ingress backend: a DNS-1035 Service name and exactly one of a port number or an IANA_SVC_NAME port name. */
export function validateIngressBackend(path: string, backend: IngressBackendRef): IngressBackendRef {
  const field = INGRESS_FIELDS.backendService;
  validateDns1035Label(path, field.child('name').toString(), backend.serviceName);
  if ((backend.port === undefined) === (backend.portName === undefined)) {
    fail(path, field.child('port').toString(),
      `has ${backend.port === undefined ? 'neither' : 'both'} port and portName; allowed: exactly one of them`);
  }
  if (backend.port !== undefined) validatePortNumber(path, field.child('port').child('number').toString(), backend.port);
  if (backend.portName !== undefined) validatePortName(path, field.child('port').child('name').toString(), backend.portName);
  return backend;
}

/**
 * User annotations: never the deprecated class annotation, never one the construct manages
 * (`managed`: full keys, set by the renderer for this mode; `owner`: the construct's class name).
 */
export function validateIngressAnnotations(path: string, annotations: Record<string, string>, managed: readonly string[],
  owner: string): Record<string, string> {
  for (const key of Object.keys(annotations)) {
    if (key === INGRESS_CLASS_ANNOTATION) {
      fail(path, INGRESS_FIELDS.annotation(key).toString(),
        'is deprecated and rejected together with spec.ingressClassName; allowed: set props.ingressClassName instead');
    }
    if (managed.includes(key)) {
      fail(path, INGRESS_FIELDS.annotation(key).toString(),
        `is managed by ${owner} for this mode; allowed: other annotations (remove ${show(key)})`);
    }
  }
  return annotations;
}

/** With a `certificate`, cert-manager annotations come from it (`TlsCertificate.certManager`), not from `annotations`. */
export function validateNoCertManagerAnnotations(path: string, annotations: Record<string, string>): void {
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(CERT_MANAGER_PREFIX)) {
      fail(path, INGRESS_FIELDS.annotation(key).toString(), 'is a cert-manager annotation, which TlsIngress manages from props.certificate; ' +
        'allowed: TlsCertificate.certManager({ mode: CertManagerMode.INGRESS_SHIM, ... }) instead');
    }
  }
}

/** `tlsSecretName` and `certificate` are two ways to say one thing: at most one, and the name a valid Secret name. */
export function validateCertificateChoice(path: string, tlsSecretName: string | undefined, hasCertificate: boolean): void {
  if (tlsSecretName !== undefined && hasCertificate) {
    fail(path, FieldPath.prop('certificate').toString(), `is set together with tlsSecretName ${show(tlsSecretName)}; allowed: exactly one of them ` +
      '(tlsSecretName is shorthand for TlsCertificate.fromSecretName)');
  }
  if (tlsSecretName !== undefined) validateDns1123Subdomain(path, INGRESS_FIELDS.tlsSecretName.toString(), tlsSecretName);
}

/** A mode where the controller terminates TLS needs the certificate it serves. */
export function validateServedCertificatePresent(path: string, mode: string, host: string, hasCertificate: boolean): void {
  if (!hasCertificate) {
    fail(path, FieldPath.prop('tlsSecretName').toString(), `is missing; ${mode} needs the kubernetes.io/tls Secret the controller serves for ${show(host)} ` +
      '(without one ingress-nginx serves its self-signed fake certificate); allowed: tlsSecretName or certificate (TlsCertificate)');
  }
}

/** The props a TLS mode may refuse, by prop name (undefined: not set). */
export interface TlsModeProps {
  readonly tlsSecretName?: string;
  readonly certificate?: string;
  readonly backendCaSecretName?: string;
  readonly backendServerName?: string;
}

/** PASSTHROUGH: the pods hold the certificate, so no certificate or backend-verification prop. */
export function validatePassthroughProps(path: string, props: TlsModeProps): void {
  for (const field of ['tlsSecretName', 'certificate', 'backendCaSecretName', 'backendServerName'] as const) {
    const value = props[field];
    if (value !== undefined) {
      fail(path, FieldPath.prop(field).toString(), `${show(value)} is set, but PASSTHROUGH forwards TLS untouched to the pods, which hold the ` +
        `certificate; allowed: no ${field} in PASSTHROUGH mode`);
    }
  }
}

/** PASSTHROUGH chooses the backend by SNI before any HTTP is seen: path "/" with pathType Prefix only. */
export function validatePassthroughPath(path: string, httpPath: string, pathType: PathType): void {
  if (httpPath !== '/' || pathType !== PathType.PREFIX) {
    fail(path, INGRESS_FIELDS.path.toString(), `${show(httpPath)} (${pathType}) cannot be routed: ` +
      'PASSTHROUGH chooses the backend by SNI host before any HTTP is seen; allowed: path "/" with pathType Prefix');
  }
}

/** TERMINATION speaks plain HTTP to the backend: no backend-verification prop. */
export function validateTerminationProps(path: string, props: TlsModeProps): void {
  for (const field of ['backendCaSecretName', 'backendServerName'] as const) {
    const value = props[field];
    if (value !== undefined) {
      fail(path, FieldPath.prop(field).toString(), `${show(value)} is set, but TERMINATION speaks plain HTTP to the backend; allowed: use mode REENCRYPT`);
    }
  }
}

/**
 * REENCRYPT backend verification: a CA Secret name and the server name to verify, both or
 * neither, both DNS-1123 subdomains.
 */
export function validateBackendVerification(path: string, caSecretName: string | undefined, serverName: string | undefined): void {
  const serverField = FieldPath.prop('backendServerName').toString();
  if (caSecretName === undefined) {
    if (serverName !== undefined) {
      fail(path, serverField, `${show(serverName)} is set without backendCaSecretName; allowed: set both to verify the backend, or neither`);
    }
    return;
  }
  validateDns1123Subdomain(path, FieldPath.prop('backendCaSecretName').toString(), caSecretName);
  if (serverName === undefined) {
    fail(path, serverField, 'is missing; with backendCaSecretName ingress-nginx verifies the backend\'s certificate ' +
      'against this name (proxy-ssl-name); allowed: a DNS name in the backend certificate\'s subjectAltName');
  }
  validateDns1123Subdomain(path, serverField, serverName);
}
