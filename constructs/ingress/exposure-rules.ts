/**
 * The rules of HttpIngress and TlsIngress props that hold for every target: the backend
 * reference (the API server's `validateIngressBackend`) and which props each TLS mode needs or
 * refuses. Each rule returns its problems; the constructs collect them and throw once.
 */
import { PathType } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, required, show } from '../core/problem';
import { IngressBackend, TlsMode } from '../exposure/exposure';
import { dns1035LabelProblems, dns1123SubdomainProblems } from '../validation/names';
import { portNameProblems, portNumberProblems } from '../validation/ports';

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

const CERT_MANAGER_PREFIX = 'cert-manager.io/';

/** An Ingress backend: a DNS-1035 Service name and exactly one of a port number or an IANA_SVC_NAME port name. */
export function ingressBackendProblems(backend: IngressBackend): Problem[] {
  const field = INGRESS_FIELDS.backendService;
  const problems = dns1035LabelProblems(field.child('name'), backend.serviceName);
  if ((backend.port === undefined) === (backend.portName === undefined)) {
    problems.push(invalid(field.child('port'), backend,
      `has ${backend.port === undefined ? 'neither' : 'both'} port and portName; allowed: exactly one of them`));
  }
  if (backend.port !== undefined) problems.push(...portNumberProblems(field.child('port').child('number'), backend.port));
  if (backend.portName !== undefined) problems.push(...portNameProblems(field.child('port').child('name'), backend.portName));
  return problems;
}

/** With a `certificate`, cert-manager annotations come from it (`TlsCertificate.certManager`), not from `annotations`. */
export function noCertManagerAnnotationProblems(annotations: Record<string, string>): Problem[] {
  return Object.keys(annotations).filter(key => key.startsWith(CERT_MANAGER_PREFIX)).map(key =>
    forbidden(INGRESS_FIELDS.annotation(key), annotations[key], 'is a cert-manager annotation, which TlsIngress manages from props.certificate; ' +
      'allowed: TlsCertificate.certManager({ mode: CertManagerMode.INGRESS_SHIM, ... }) instead'));
}

/** `tlsSecretName` and `certificate` are two ways to say one thing: at most one, and the name a valid Secret name. */
export function certificateChoiceProblems(tlsSecretName: string | undefined, certificate: unknown): Problem[] {
  if (tlsSecretName !== undefined && certificate !== undefined) {
    return [forbidden(FieldPath.prop('certificate'), tlsSecretName, `is set together with tlsSecretName ${show(tlsSecretName)}; allowed: ` +
      'exactly one of them (tlsSecretName is shorthand for TlsCertificate.fromSecretName)')];
  }
  return tlsSecretName !== undefined ? dns1123SubdomainProblems(INGRESS_FIELDS.tlsSecretName, tlsSecretName) : [];
}

/** A mode where the controller terminates TLS needs the certificate it serves. */
export function servedCertificateProblems(mode: TlsMode, host: string, certificate: unknown): Problem[] {
  if (certificate !== undefined) return [];
  return [required(FieldPath.prop('tlsSecretName'), `is missing; ${mode} needs the kubernetes.io/tls Secret the controller serves for ${show(host)} ` +
    '(without one ingress-nginx serves its self-signed fake certificate); allowed: tlsSecretName or certificate (TlsCertificate)')];
}

/** The props a TLS mode may refuse, by prop name (undefined: not set). */
export interface TlsModeProps {
  readonly tlsSecretName?: string;
  readonly certificate?: string;
  /** The Secret name of `backendCa`. */
  readonly backendCa?: string;
  readonly backendCaSecretName?: string;
  readonly backendServerName?: string;
}

/** PASSTHROUGH: the pods hold the certificate, so no certificate or backend-verification prop. */
export function passthroughPropsProblems(props: TlsModeProps): Problem[] {
  return (['tlsSecretName', 'certificate', 'backendCa', 'backendCaSecretName', 'backendServerName'] as const)
    .filter(field => props[field] !== undefined)
    .map(field => forbidden(FieldPath.prop(field), props[field], `${show(props[field])} is set, but PASSTHROUGH forwards TLS untouched to the pods, ` +
      `which hold the certificate; allowed: no ${field} in PASSTHROUGH mode`));
}

/** PASSTHROUGH chooses the backend by SNI before any HTTP is seen: path "/" with pathType Prefix only. */
export function passthroughPathProblems(httpPath: string, pathType: PathType): Problem[] {
  if (httpPath === '/' && pathType === PathType.PREFIX) return [];
  return [forbidden(INGRESS_FIELDS.path, httpPath, `${show(httpPath)} (${pathType}) cannot be routed: ` +
    'PASSTHROUGH chooses the backend by SNI host before any HTTP is seen; allowed: path "/" with pathType Prefix')];
}

/** TERMINATION speaks plain HTTP to the backend: no backend-verification prop. */
export function terminationPropsProblems(props: TlsModeProps): Problem[] {
  return (['backendCa', 'backendCaSecretName', 'backendServerName'] as const)
    .filter(field => props[field] !== undefined)
    .map(field => forbidden(FieldPath.prop(field), props[field],
      `${show(props[field])} is set, but TERMINATION speaks plain HTTP to the backend; allowed: use mode REENCRYPT`));
}

/**
 * REENCRYPT backend verification: the CA (`backendCa`, or the deprecated `backendCaSecretName`, not
 * both) and the server name to verify, both or neither, the names DNS-1123 subdomains.
 */
export function backendVerificationProblems(backendCa: { readonly secretName: string } | undefined, caSecretName: string | undefined,
  serverName: string | undefined): Problem[] {
  const serverField = FieldPath.prop('backendServerName');
  if (backendCa !== undefined && caSecretName !== undefined) {
    return [forbidden(FieldPath.prop('backendCaSecretName'), caSecretName, `is set together with backendCa (${show(backendCa.secretName)}); ` +
      'allowed: one of them (backendCa: BackendCa.fromSecretName or BackendCa.fromCertificateAuthority)')];
  }
  if (backendCa === undefined && caSecretName === undefined) {
    return serverName === undefined ? [] : [forbidden(serverField, serverName,
      `${show(serverName)} is set without backendCaSecretName (or backendCa); allowed: set both to verify the backend, or neither`)];
  }
  const problems = caSecretName !== undefined ? dns1123SubdomainProblems(FieldPath.prop('backendCaSecretName'), caSecretName) : [];
  if (serverName === undefined) {
    problems.push(required(serverField, `is missing; with ${backendCa ? 'backendCa' : 'backendCaSecretName'} ingress-nginx verifies the backend's certificate ` +
      'against this name (proxy-ssl-name); allowed: a DNS name in the backend certificate\'s subjectAltName'));
  } else {
    problems.push(...dns1123SubdomainProblems(serverField, serverName));
  }
  return problems;
}
