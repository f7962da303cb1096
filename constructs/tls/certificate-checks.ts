/**
 * Synth-time checks of PEM certificates and keys with Node's own `crypto.X509Certificate`:
 * what otherwise shows up only at the client (curl cannot verify, Go wants a subjectAltName)
 * becomes an error at `cdk8s synth` that names the file and the host.
 *
 * One small function per rule, each taking the construct path and the field like the rules in
 * `validation/`; `checkCertificateFiles` runs them all.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { reject } from '../core/errors';

/** Days before expiry from which a certificate is warned about. */
export const EXPIRY_WARNING_DAYS = 30;

/** Smallest RSA modulus accepted (1024-bit keys are refused, as OpenSSL 3 refuses them at its default security level). */
export const MIN_RSA_BITS = 2048;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads a file for a check; a missing or unreadable file is an error naming it. */
export function readPemFile(path: string, field: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return reject(path, field, `cannot read ${JSON.stringify(file)}: ${(e as Error).message}; allowed: a readable PEM file`);
  }
}

/** All certificates of a PEM bundle, in file order; at least one. */
export function parseCertificateChain(path: string, field: string, file: string, pem: string): crypto.X509Certificate[] {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    reject(path, field, `${JSON.stringify(file)} holds no PEM certificate; allowed: one or more "-----BEGIN CERTIFICATE-----" blocks, leaf first`);
  }
  return blocks.map((block, i) => {
    try {
      return new crypto.X509Certificate(block);
    } catch (e) {
      return reject(path, field, `certificate #${i + 1} in ${JSON.stringify(file)} cannot be parsed: ${(e as Error).message}`);
    }
  });
}

/** A PEM private key (PKCS#1, PKCS#8 or SEC1), unencrypted. */
export function parsePrivateKey(path: string, field: string, file: string, pem: string): crypto.KeyObject {
  if (!/-----BEGIN (RSA |EC |)PRIVATE KEY-----/.test(pem)) {
    reject(path, field, `${JSON.stringify(file)} holds no unencrypted PEM private key; allowed: a "-----BEGIN PRIVATE KEY-----", ` +
      '"RSA PRIVATE KEY" or "EC PRIVATE KEY" block (ingress-nginx cannot use an encrypted key)');
  }
  try {
    return crypto.createPrivateKey(pem);
  } catch (e) {
    return reject(path, field, `the private key in ${JSON.stringify(file)} cannot be parsed: ${(e as Error).message}`);
  }
}

/** The leaf (first) certificate of the chain belongs to the private key. */
export function checkKeyMatchesCertificate(path: string, field: string, chain: crypto.X509Certificate[], key: crypto.KeyObject,
  certFile: string, keyFile: string): void {
  const leaf = chain[0];
  if (!leaf.checkPrivateKey(key)) {
    const at = chain.findIndex(c => c.checkPrivateKey(key));
    if (at > 0) {
      reject(path, field, `the private key in ${JSON.stringify(keyFile)} belongs to certificate #${at + 1} in ${JSON.stringify(certFile)}, ` +
        'not #1: the chain is out of order; allowed: the leaf (server) certificate first, then intermediates (leaf -> intermediate)');
    }
    reject(path, field, `the private key in ${JSON.stringify(keyFile)} does not match the certificate in ${JSON.stringify(certFile)} ` +
      `(subject ${JSON.stringify(leaf.subject.replace(/\n/g, ', '))}); allowed: the key the certificate was issued for`);
  }
}

/** Key strength: RSA of at least 2048 bits; EC and Ed25519 keys are accepted. */
export function checkKeyStrength(path: string, field: string, cert: crypto.X509Certificate, file: string): void {
  const key = cert.publicKey;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if ((key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') && bits !== undefined && bits < MIN_RSA_BITS) {
    reject(path, field, `the certificate in ${JSON.stringify(file)} has a ${bits}-bit RSA key; allowed: RSA of at least ${MIN_RSA_BITS} bits, ` +
      'or ECDSA P-256 (OpenSSL 3 rejects 1024-bit keys at its default security level)');
  }
}

/** `validTo` as a Date (Node 20 has no `validToDate`). */
export function notAfter(cert: crypto.X509Certificate): Date {
  return new Date(cert.validTo);
}

/** `validFrom` as a Date. */
export function notBefore(cert: crypto.X509Certificate): Date {
  return new Date(cert.validFrom);
}

/**
 * Validity at `now`: an error if expired or not yet valid; a warning message (returned)
 * if it expires within `warningDays`.
 */
export function checkValidity(path: string, field: string, cert: crypto.X509Certificate, file: string, now: Date,
  warningDays: number = EXPIRY_WARNING_DAYS): string | undefined {
  const to = notAfter(cert);
  const from = notBefore(cert);
  if (to.getTime() <= now.getTime()) {
    reject(path, field, `the certificate in ${JSON.stringify(file)} expired on ${to.toISOString()}; allowed: a certificate valid now ` +
      '(renew it with the tool that issued it; see docs/tls.md)');
  }
  if (from.getTime() > now.getTime()) {
    reject(path, field, `the certificate in ${JSON.stringify(file)} is not valid before ${from.toISOString()}; allowed: a certificate valid now`);
  }
  const daysLeft = (to.getTime() - now.getTime()) / 86_400_000;
  if (daysLeft < warningDays) {
    return `the certificate in ${JSON.stringify(file)} expires on ${to.toISOString()} (in ${Math.floor(daysLeft)} days); renew it`;
  }
  return undefined;
}

/**
 * The DNS names of the subjectAltName extension. Node prints it as `DNS:a, DNS:b, IP Address:...`
 * and JSON-quotes entries with unusual characters; both are handled.
 */
export function dnsNamesOf(cert: crypto.X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (!san) return [];
  const names: string[] = [];
  let i = 0;
  while (i < san.length) {
    const colon = san.indexOf(':', i);
    if (colon < 0) break;
    const type = san.slice(i, colon).trim();
    let value: string;
    let next: number;
    if (san[colon + 1] === '"') {
      let j = colon + 2;
      while (j < san.length && san[j] !== '"') j += san[j] === '\\' ? 2 : 1;
      value = JSON.parse(san.slice(colon + 1, j + 1)) as string;
      next = san.indexOf(',', j + 1);
    } else {
      next = san.indexOf(',', colon + 1);
      value = san.slice(colon + 1, next < 0 ? san.length : next);
    }
    if (type === 'DNS') names.push(value.trim());
    if (next < 0) break;
    i = next + 1;
  }
  return names;
}

/** The certificate has DNS subjectAltNames (Go >= 1.15, curl and browsers ignore the CN). */
export function checkHasSubjectAltName(path: string, field: string, cert: crypto.X509Certificate, file: string): string[] {
  const names = dnsNamesOf(cert);
  if (names.length === 0) {
    reject(path, field, `the certificate in ${JSON.stringify(file)} (subject ${JSON.stringify(cert.subject.replace(/\n/g, ', '))}) has no ` +
      'DNS subjectAltName; allowed: a certificate whose subjectAltName lists its hosts (clients ignore the CN; with openssl, ' +
      '`-addext "subjectAltName = DNS:..."`)');
  }
  return names;
}

/**
 * Whether one certificate name covers a host, as TLS clients match (RFC 6125 section 6.4,
 * as curl and Go do): case-insensitive; a wildcard only as the whole left-most label,
 * matching exactly one label, with at least two labels after it. `*.example.com` covers
 * `a.example.com`, not `example.com` nor `a.b.example.com`. A wildcard host is covered only
 * by the same wildcard.
 */
export function nameCoversHost(name: string, host: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (n === h) return true;
  if (!n.startsWith('*.') || h.startsWith('*.')) return false;
  const suffix = n.slice(2);
  if (suffix.includes('*') || suffix.split('.').length < 2) return false;
  const dot = h.indexOf('.');
  if (dot <= 0) return false;
  return h.slice(dot + 1) === suffix;
}

/** Every host is covered by one of the certificate's DNS names. */
export function checkCoversHosts(path: string, field: string, names: string[], hosts: string[], file: string): void {
  for (const host of hosts) {
    if (!names.some(n => nameCoversHost(n, host))) {
      reject(path, field, `the certificate in ${JSON.stringify(file)} does not cover host ${JSON.stringify(host)}: its subjectAltName ` +
        `has ${names.map(n => JSON.stringify(n)).join(', ')}; allowed: a certificate with ${JSON.stringify(host)} or a wildcard ` +
        'for its parent domain (a wildcard covers exactly one label)');
    }
  }
}

/** The chain is in the order servers send it: leaf, then each certificate's issuer. */
export function checkChainOrder(path: string, field: string, chain: crypto.X509Certificate[], file: string): void {
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const parent = chain[i + 1];
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      reject(path, field, `certificate #${i + 2} in ${JSON.stringify(file)} (${JSON.stringify(parent.subject.replace(/\n/g, ', '))}) did not ` +
        `issue certificate #${i + 1} (${JSON.stringify(child.subject.replace(/\n/g, ', '))}); allowed: the leaf first, then each ` +
        'intermediate after the certificate it signed (leaf -> intermediate)');
    }
  }
  if (chain.length > 1 && chain[0].ca) {
    reject(path, field, `certificate #1 in ${JSON.stringify(file)} is a CA certificate; allowed: the server (leaf) certificate first`);
  }
}

/** What the checks of a certificate/key pair found. */
export interface CertificateFilesReport {
  /** The certificates, leaf first, as normalised PEM. */
  readonly chainPem: string;
  /** The private key as read (trimmed, one trailing newline). */
  readonly keyPem: string;
  /** The leaf's DNS subjectAltNames. */
  readonly dnsNames: string[];
  /** The leaf's notAfter. */
  readonly notAfter: Date;
  /** Warnings (e.g. expiring soon); empty when none. */
  readonly warnings: string[];
}

/** Options of {@link checkCertificateFiles}. */
export interface CertificateFilesCheck {
  readonly certPath: string;
  readonly keyPath: string;
  /** Hosts the certificate must cover. */
  readonly hosts: string[];
  /** The time of the check. @default now */
  readonly now?: Date;
  /** @default EXPIRY_WARNING_DAYS */
  readonly warningDays?: number;
}

/**
 * Every check on a PEM certificate chain and its key: parse, key strength, key matches leaf,
 * validity of each certificate, SAN present, hosts covered, chain order.
 */
export function checkCertificateFiles(path: string, field: string, options: CertificateFilesCheck): CertificateFilesReport {
  const certPem = readPemFile(path, field, options.certPath);
  const keyPem = readPemFile(path, field, options.keyPath);
  const chain = parseCertificateChain(path, field, options.certPath, certPem);
  const key = parsePrivateKey(path, field, options.keyPath, keyPem);
  const leaf = chain[0];
  chain.forEach(c => checkKeyStrength(path, field, c, options.certPath));
  checkKeyMatchesCertificate(path, field, chain, key, options.certPath, options.keyPath);
  const now = options.now ?? new Date();
  const warnings: string[] = [];
  for (const cert of chain) {
    const w = checkValidity(path, field, cert, options.certPath, now, options.warningDays ?? EXPIRY_WARNING_DAYS);
    if (w) warnings.push(w);
  }
  const dnsNames = checkHasSubjectAltName(path, field, leaf, options.certPath);
  checkCoversHosts(path, field, dnsNames, options.hosts, options.certPath);
  checkChainOrder(path, field, chain, options.certPath);
  return {
    chainPem: chain.map(c => c.toString().trim()).join('\n') + '\n',
    keyPem: keyPem.trim() + '\n',
    dnsNames,
    notAfter: notAfter(leaf),
    warnings,
  };
}
