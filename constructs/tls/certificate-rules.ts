/**
 * Certificate rules: cert-manager Certificate options (`spec.issuerRef`, `spec.privateKey`),
 * where a TLS Secret comes from and how it is used, and a certificate authority's inputs. Each
 * rule returns its problems (empty when the input is fine); TlsCertificate's factories and uses,
 * CertificateAuthority and BackendCa collect them and throw once.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { kebabFromId } from '../core/naming';
import { duplicate, forbidden, invalid, notSupported, Problem, required, show } from '../core/problem';
import { goDurationProblems } from '../validation/durations';
import { dns1123SubdomainProblems, isDns1123Subdomain } from '../validation/names';
import { integerRangeProblems } from '../validation/values';
import { CertManagerCertificateOptions, CertManagerMode, PrivateKeyAlgorithm } from './certificate-options';
import type { CertificateAuthority } from './certificate-authority';

type Field = FieldPath | string;

/** Key sizes cert-manager accepts per `spec.privateKey.algorithm` (Ed25519 has none). */
export const PRIVATE_KEY_SIZES: { readonly [algorithm: string]: readonly number[] } = { ECDSA: [256, 384, 521], RSA: [2048, 4096, 8192] };

/** A Go duration (cert-manager's `spec.duration`, `spec.renewBefore`); none given is fine. */
export function durationProblems(field: Field, value: string | undefined): Problem[] {
  return value === undefined ? [] : goDurationProblems(field, value);
}

/** How many days before expiry a PEM certificate is warned about: 0-3650; none given is fine. */
export function expiryWarningDaysProblems(field: Field, days: number | undefined): Problem[] {
  return days === undefined ? [] : integerRangeProblems(field, days, 0, 3650);
}

/** `spec.issuerRef`: exactly one of a namespaced Issuer and a ClusterIssuer. */
export function oneIssuerProblems(field: Field, options: CertManagerCertificateOptions): Problem[] {
  const { issuerName, clusterIssuerName } = options;
  if ((issuerName === undefined) !== (clusterIssuerName === undefined)) return [];
  const detail = `has ${issuerName === undefined ? 'neither' : 'both'} issuerName and clusterIssuerName; allowed: exactly one of them`;
  return issuerName === undefined ? [required(field, detail)] : [forbidden(field, clusterIssuerName, detail)];
}

/** Key options only where cdk8s-expose writes the Certificate (not with ingress-shim, where cert-manager chooses the key). */
export function keyOptionsProblems(field: Field, mode: CertManagerMode, options: CertManagerCertificateOptions): Problem[] {
  const set = options.privateKeyAlgorithm ?? options.privateKeySize;
  if (mode !== CertManagerMode.INGRESS_SHIM || set === undefined) return [];
  return [forbidden(field, set, 'is set in INGRESS_SHIM mode, where cert-manager chooses the key; allowed: mode CERTIFICATE')];
}

/** `spec.privateKey.size`: one of the sizes cert-manager accepts for the algorithm (an unknown algorithm is its own rule's problem). */
export function privateKeySizeProblems(field: Field, algorithm: PrivateKeyAlgorithm, size: number | undefined): Problem[] {
  if (size === undefined || !Object.values(PrivateKeyAlgorithm).includes(algorithm)) return [];
  const sizes = PRIVATE_KEY_SIZES[algorithm];
  if (sizes && sizes.includes(size)) return [];
  return [notSupported(field, size, `${size} is not allowed for ${algorithm}; allowed: ${sizes ? sizes.join(', ') : 'no size (Ed25519 has none)'}`)];
}

/** A private key goes into the synthesised manifest only with the explicit opt-in. */
export function privateKeyInManifestProblems(field: Field, allowed: boolean | undefined, certPath: string, keyPath: string): Problem[] {
  if (allowed === true) return [];
  return [forbidden(field, allowed, `is not true, and fromFiles(${show(certPath)}, ${show(keyPath)}) ` +
    'would write the private key into the synthesised manifest (dist/, and git if you commit it); allowed: ' +
    'TlsCertificate.fromSecretName (kubectl create secret tls ... out of band), TlsCertificate.certManager, or ' +
    '{ allowPrivateKeyInManifest: true } for a throwaway development cluster')];
}

/** The name of a Secret synthesised from PEM files: `explicit`, else from the file name (`wildcard.crt` -> `wildcard-tls`). */
export function fileSecretName(certPath: string, explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  const base = kebabFromId(path.basename(certPath).replace(/\.(crt|pem|cer|cert)$/i, ''));
  return base.endsWith('tls') ? base : `${base}-tls`;
}

/** That name: a DNS-1123 subdomain; one derived from the file name that is not says to set the name. */
export function fileSecretNameProblems(field: Field, certPath: string, explicit: string | undefined): Problem[] {
  const secretName = fileSecretName(certPath, explicit);
  if (explicit === undefined && !isDns1123Subdomain(secretName)) {
    return [invalid(field, secretName, `${show(secretName)} (derived from ${show(certPath)}) is not a valid Secret name; set ${field}`)];
  }
  return dns1123SubdomainProblems(field, secretName);
}

/** An ingress-shim certificate serves one Ingress: ingress-shim makes one Certificate per Ingress. */
export function ingressShimUnsharedProblems(field: Field, mode: CertManagerMode | undefined, secretName: string | undefined,
  otherUses: number): Problem[] {
  if (mode !== CertManagerMode.INGRESS_SHIM || otherUses === 0) return [];
  return [forbidden(field, secretName, `the INGRESS_SHIM certificate for secret ${show(secretName)} is already used by another Ingress; ` +
    'ingress-shim makes one Certificate per Ingress, so two Ingresses cannot share its secret; allowed: mode CERTIFICATE ' +
    '(one Certificate with every host) or a certManager() per Ingress')];
}

/** A chart defines each TLS Secret once: two certificate sources may not write the same Secret (the object `objectId` in `chart`). */
export function secretDefinedOnceProblems(field: Field, secretName: string, chart: IConstruct, objectId: string): Problem[] {
  if (chart.node.tryFindChild(objectId) === undefined) return [];
  return [duplicate(field, secretName, `secret ${show(secretName)} is already defined in chart ${chart.node.path || chart.node.id} by another ` +
    'TlsCertificate; allowed: reuse the same TlsCertificate instance, or give each its own secretName')];
}

/** One namespace per chart for a certificate's uses: its Secret or Certificate is one object per chart. */
export function oneNamespacePerChartProblems(field: Field, secretName: string, namespace: string | undefined,
  otherNamespace: string | undefined): Problem[] {
  if (namespace === otherNamespace) return [];
  return [forbidden(field, namespace, `uses secret ${show(secretName)} in namespace ${show(namespace ?? '(chart default)')}, ` +
    `but another use in this chart is in ${show(otherNamespace ?? '(chart default)')}; allowed: one namespace per chart`)];
}

/** An X.509 common name: 1-64 characters (the RFC 5280 upper bound). */
export function commonNameProblems(field: Field, commonName: string): Problem[] {
  if (commonName.length > 0 && commonName.length <= 64) return [];
  return [invalid(field, commonName, `${show(commonName)} has ${commonName.length} characters; allowed: 1-64 (X.509 upper bound)`)];
}

/** A certificate that signs others: basicConstraints CA:TRUE. */
export function caCertificateProblems(field: Field, cert: crypto.X509Certificate, file: string): Problem[] {
  if (cert.ca) return [];
  return [invalid(field, file, `the certificate in ${show(file)} is not a CA (basicConstraints CA:FALSE); allowed: a CA certificate`)];
}

/** A certificate's `spec.dnsNames`: at least one (clients check the subjectAltName, not the CN). */
export function dnsNamesNotEmptyProblems(field: Field, dnsNames: readonly string[]): Problem[] {
  if (dnsNames.length > 0) return [];
  return [required(field, 'is empty; allowed: at least one DNS name (clients check the subjectAltName)')];
}

/** A CA's base name leaves room for the names derived from it (`<name>-ca`, `-selfsigned`, `-trust`): the first that is not a DNS-1123 subdomain. */
export function caDerivedNamesProblems(field: Field, name: string): Problem[] {
  return ['-ca', '-selfsigned', '-trust'].map(suffix => dns1123SubdomainProblems(field, name + suffix)).find(p => p.length > 0) ?? [];
}

/**
 * A CertificateAuthority's trust Secret verifies a backend only from its own namespace: ingress-nginx
 * reads `proxy-ssl-secret` in the Ingress's namespace, Gateway API's BackendTLSPolicy refers to
 * objects of its own namespace, and the CA's Issuer is namespaced.
 */
export function backendCaNamespaceProblems(field: Field, ca: CertificateAuthority, namespace: string | undefined): Problem[] {
  const caNamespace = Chart.of(ca).namespace;
  if (caNamespace === namespace) return [];
  return [forbidden(field, ca.trustSecretName, `the trust Secret ${show(ca.trustSecretName)} of CertificateAuthority ${ca.node.path} is in ` +
    `namespace ${show(caNamespace ?? '(chart default)')}, but this object is in ${show(namespace ?? '(chart default)')}; allowed: a ` +
    'CertificateAuthority in a chart with the same namespace (the CA Secret is looked up in the namespace of the object that uses it)')];
}
