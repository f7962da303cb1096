/**
 * DemoBackend's own rules: the reply its nginx returns and the Secret it serves HTTPS with.
 */
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, required, show } from '../core/problem';
import { TlsCertificate, TlsCertificateSource } from '../tls/tls-certificate';
import { dns1123SubdomainProblems } from '../validation/names';

/**
 * Text that nginx returns from a double-quoted string: 1-1024 printable ASCII characters without
 * what would end or interpolate the string (`"`, `\`, `$`).
 */
export function nginxReturnTextProblems(field: FieldPath, text: string): Problem[] {
  if (text.length > 0 && text.length <= 1024 && /^[\x20-\x7e]*$/.test(text) && !/["\\$]/.test(text)) return [];
  return [invalid(field, text, `${show(text)} is not allowed; allowed: 1-1024 printable ASCII characters without '"', '\\' or '$'`)];
}

/**
 * A certificate whose Secret the backend mounts: the Secret's name is known already, and a
 * fromFiles certificate's Secret exists only once a TlsIngress uses it (mounting an unused one
 * mounts nothing).
 */
function mountedCertificateProblems(field: FieldPath, certificate: TlsCertificate): Problem[] {
  const secretName = certificate._knownSecretName;
  if (secretName === undefined) {
    return [required(field, 'has no secret name yet (a certManager() without secretName); allowed: give it a secretName, ' +
      'or use CertificateAuthority.addServerCertificate for a backend certificate')];
  }
  if (certificate.source === TlsCertificateSource.FILES && certificate.hosts.length === 0) {
    return [forbidden(field, secretName, `is a fromFiles certificate that no TlsIngress uses, so its Secret ${show(secretName)} ` +
      'is never synthesised; allowed: fromSecretName (kubectl create secret tls ...) or CertificateAuthority.addServerCertificate')];
  }
  return dns1123SubdomainProblems(FieldPath.prop('tlsSecretName'), secretName);
}

/**
 * Where the HTTPS Secret comes from: at most one of `tlsSecretName` and `certificate` (neither
 * for HTTP), a valid Secret name, a certificate the backend can mount.
 */
export function backendTlsProblems(tlsSecretName: string | undefined, certificate: TlsCertificate | undefined): Problem[] {
  const field = FieldPath.prop('certificate');
  if (tlsSecretName !== undefined && certificate !== undefined) {
    return [forbidden(field, tlsSecretName, `is set together with tlsSecretName ${show(tlsSecretName)}; allowed: one of them (or neither for HTTP)`)];
  }
  if (certificate !== undefined) return mountedCertificateProblems(field, certificate);
  return tlsSecretName === undefined ? [] : dns1123SubdomainProblems(FieldPath.prop('tlsSecretName'), tlsSecretName);
}
