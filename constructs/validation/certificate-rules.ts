/**
 * Certificate rules: cert-manager Certificate options (`spec.issuerRef`, `spec.privateKey`),
 * where a TLS Secret comes from, and a certificate authority's inputs. They take plain values,
 * not the tls/ classes, so that validation/ depends on nothing above core/.
 */
import * as crypto from 'crypto';
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { isDns1123Subdomain, validateDns1123Subdomain } from './names';

/** Key sizes cert-manager accepts per `spec.privateKey.algorithm` (Ed25519 has none). */
export const PRIVATE_KEY_SIZES: { readonly [algorithm: string]: readonly number[] } = { ECDSA: [256, 384, 521], RSA: [2048, 4096, 8192] };

/** `spec.issuerRef`: exactly one of a namespaced Issuer and a ClusterIssuer. */
export function validateOneIssuer(path: string, field: FieldPath | string, issuerName: string | undefined, clusterIssuerName: string | undefined): void {
  if ((issuerName === undefined) === (clusterIssuerName === undefined)) {
    reject(path, String(field), `has ${issuerName === undefined ? 'neither' : 'both'} issuerName and clusterIssuerName; ` +
      'allowed: exactly one of them');
  }
}

/** Key options only where cdk8s-expose writes the Certificate (not with ingress-shim, where cert-manager chooses the key). */
export function validateKeyOptionsWithoutIngressShim(path: string, field: FieldPath | string, ingressShim: boolean, keyOptionsSet: boolean): void {
  if (ingressShim && keyOptionsSet) {
    reject(path, String(field), 'is set in INGRESS_SHIM mode, where cert-manager chooses the key; allowed: mode CERTIFICATE');
  }
}

/** `spec.privateKey.size`: one of the sizes cert-manager accepts for the algorithm. */
export function validatePrivateKeySize(path: string, field: FieldPath | string, algorithm: string, size: number): number {
  const sizes = PRIVATE_KEY_SIZES[algorithm];
  if (!sizes || !sizes.includes(size)) {
    reject(path, String(field), `${size} is not allowed for ${algorithm}; allowed: ${sizes ? sizes.join(', ') : 'no size (Ed25519 has none)'}`);
  }
  return size;
}

/** A private key goes into the synthesised manifest only with the explicit opt-in. */
export function validatePrivateKeyInManifestAllowed(path: string, field: FieldPath | string, allowed: boolean | undefined, certPath: string, keyPath: string): void {
  if (allowed !== true) {
    reject(path, String(field), `is not true, and fromFiles(${show(certPath)}, ${show(keyPath)}) ` +
      'would write the private key into the synthesised manifest (dist/, and git if you commit it); allowed: ' +
      'TlsCertificate.fromSecretName (kubectl create secret tls ... out of band), TlsCertificate.certManager, or ' +
      '{ allowPrivateKeyInManifest: true } for a throwaway development cluster');
  }
}

/**
 * The name of a Secret synthesised from PEM files: a DNS-1123 subdomain; one derived from the
 * file name (`derivedFrom`) that is not says to set the name.
 */
export function validateFileSecretName(path: string, field: FieldPath | string, secretName: string, derivedFrom: string | undefined): string {
  if (derivedFrom !== undefined && !isDns1123Subdomain(secretName)) {
    reject(path, String(field), `${show(secretName)} (derived from ${show(derivedFrom)}) is not a valid Secret name; set ${field}`);
  }
  return validateDns1123Subdomain(path, String(field), secretName);
}

/** An ingress-shim certificate serves one Ingress: ingress-shim makes one Certificate per Ingress. */
export function validateIngressShimCertificateUnshared(path: string, field: FieldPath | string, secretName: string | undefined, alreadyUsed: boolean): void {
  if (alreadyUsed) {
    reject(path, String(field), `the INGRESS_SHIM certificate for secret ${show(secretName)} is already used by another Ingress; ` +
      'ingress-shim makes one Certificate per Ingress, so two Ingresses cannot share its secret; allowed: mode CERTIFICATE ' +
      '(one Certificate with every host) or a certManager() per Ingress');
  }
}

/** A chart defines each TLS Secret once: two certificate sources may not write the same Secret. */
export function validateSecretDefinedOnce(path: string, field: FieldPath | string, secretName: string, chartPath: string, alreadyDefined: boolean): void {
  if (alreadyDefined) {
    reject(path, String(field), `secret ${show(secretName)} is already defined in chart ${chartPath} by another ` +
      'TlsCertificate; allowed: reuse the same TlsCertificate instance, or give each its own secretName');
  }
}

/** At most one source of a TLS Secret: a secret name or a certificate. */
export function validateOneTlsSource(path: string, field: FieldPath | string, tlsSecretName: string | undefined, certificateSet: boolean): void {
  if (tlsSecretName !== undefined && certificateSet) {
    reject(path, String(field), `is set together with tlsSecretName ${show(tlsSecretName)}; allowed: one of them (or neither for HTTP)`);
  }
}

/** A certificate whose Secret a workload mounts must have a secret name already (certManager() without secretName has none). */
export function validateCertificateSecretNameKnown(path: string, field: FieldPath | string, secretName: () => string): string {
  try {
    return secretName();
  } catch {
    return reject(path, String(field), 'has no secret name yet (a certManager() without secretName); allowed: give it a secretName, ' +
      'or use CertificateAuthority.addServerCertificate for a backend certificate');
  }
}

/** A fromFiles certificate's Secret exists only once a TlsIngress uses it; mounting an unused one mounts nothing. */
export function validateFilesCertificateSynthesised(path: string, field: FieldPath | string, secretName: string, fromFiles: boolean, hostCount: number): void {
  if (fromFiles && hostCount === 0) {
    reject(path, String(field), `is a fromFiles certificate that no TlsIngress uses, so its Secret ${show(secretName)} ` +
      'is never synthesised; allowed: fromSecretName (kubectl create secret tls ...) or CertificateAuthority.addServerCertificate');
  }
}

/** An X.509 common name: 1-64 characters (the RFC 5280 upper bound). */
export function validateCommonName(path: string, field: FieldPath | string, commonName: string): string {
  if (commonName.length === 0 || commonName.length > 64) {
    reject(path, String(field), `${show(commonName)} has ${commonName.length} characters; allowed: 1-64 (X.509 upper bound)`);
  }
  return commonName;
}

/** A certificate that signs others: basicConstraints CA:TRUE. */
export function validateCaCertificate(path: string, field: FieldPath | string, cert: crypto.X509Certificate, file: string): crypto.X509Certificate {
  if (!cert.ca) {
    reject(path, String(field), `the certificate in ${show(file)} is not a CA (basicConstraints CA:FALSE); allowed: a CA certificate`);
  }
  return cert;
}

/** A certificate's `spec.dnsNames`: at least one (clients check the subjectAltName, not the CN). */
export function validateDnsNamesNotEmpty(path: string, field: FieldPath | string, dnsNames: readonly string[]): void {
  if (dnsNames.length === 0) reject(path, String(field), 'is empty; allowed: at least one DNS name (clients check the subjectAltName)');
}

/** One namespace per chart for a certificate's uses: its Secret or Certificate is one object per chart. */
export function validateOneNamespacePerChart(path: string, field: FieldPath | string, secretName: string,
  namespace: string | undefined, otherNamespace: string | undefined): void {
  if (namespace !== otherNamespace) {
    reject(path, String(field), `uses secret ${show(secretName)} in namespace ${show(namespace ?? '(chart default)')}, ` +
      `but another use in this chart is in ${show(otherNamespace ?? '(chart default)')}; allowed: one namespace per chart`);
  }
}
