/**
 * Checks of PEM certificates and keys with Node's own `crypto.X509Certificate`: what otherwise
 * shows up only at the client (curl cannot verify, Go wants a subjectAltName) becomes an error
 * at construction that names the file and the host.
 *
 * One small function per rule, each taking the field and returning its problems like the rules
 * in `certificate-rules.ts`; the readers return the value with the problems that kept them from
 * reading it. `checkCertificateFiles` runs them all.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

type Field = FieldPath | string;

/** Days before expiry from which a certificate is warned about. */
export const EXPIRY_WARNING_DAYS = 30;

/** Smallest RSA modulus accepted (1024-bit keys are refused, as OpenSSL 3 refuses them at its default security level). */
export const MIN_RSA_BITS = 2048;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** What a reader got: the value, or undefined with the problems that kept it from reading one. */
export interface Read<T> {
  readonly value?: T;
  readonly problems: Problem[];
}

const failed = <T>(problem: Problem): Read<T> => ({ problems: [problem] });

/** A file's text; a missing or unreadable file is a problem naming it. */
export function readPemFile(field: Field, file: string): Read<string> {
  try {
    return { value: fs.readFileSync(file, 'utf8'), problems: [] };
  } catch (e) {
    return failed(invalid(field, file, `cannot read ${show(file)}: ${(e as Error).message}; allowed: a readable PEM file`));
  }
}

/** All certificates of a PEM bundle, in file order; at least one, each parsed. */
export function parseCertificateChain(field: Field, file: string, pem: string): Read<crypto.X509Certificate[]> {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    return failed(invalid(field, file, `${show(file)} holds no PEM certificate; allowed: one or more "-----BEGIN CERTIFICATE-----" blocks, leaf first`));
  }
  const chain: crypto.X509Certificate[] = [];
  const problems: Problem[] = [];
  blocks.forEach((block, i) => {
    try {
      chain.push(new crypto.X509Certificate(block));
    } catch (e) {
      problems.push(invalid(field, file, `certificate #${i + 1} in ${show(file)} cannot be parsed: ${(e as Error).message}`));
    }
  });
  return problems.length > 0 ? { problems } : { value: chain, problems };
}

/** A PEM private key (PKCS#1, PKCS#8 or SEC1), unencrypted. */
export function parsePrivateKey(field: Field, file: string, pem: string): Read<crypto.KeyObject> {
  if (!/-----BEGIN (RSA |EC |)PRIVATE KEY-----/.test(pem)) {
    return failed(invalid(field, file, `${show(file)} holds no unencrypted PEM private key; allowed: a "-----BEGIN PRIVATE KEY-----", ` +
      '"RSA PRIVATE KEY" or "EC PRIVATE KEY" block (ingress-nginx cannot use an encrypted key)'));
  }
  try {
    return { value: crypto.createPrivateKey(pem), problems: [] };
  } catch (e) {
    return failed(invalid(field, file, `the private key in ${show(file)} cannot be parsed: ${(e as Error).message}`));
  }
}

const subjectOf = (cert: crypto.X509Certificate): string => show(cert.subject.replace(/\n/g, ', '));

/** Where the key belongs in the chain: 0 for the leaf, -1 for none. */
export function keyPosition(chain: readonly crypto.X509Certificate[], key: crypto.KeyObject): number {
  return chain.findIndex(c => c.checkPrivateKey(key));
}

/** The leaf (first) certificate of the chain belongs to the private key. */
export function keyMatchProblems(field: Field, chain: readonly crypto.X509Certificate[], key: crypto.KeyObject, certFile: string,
  keyFile: string): Problem[] {
  const at = keyPosition(chain, key);
  if (at === 0) return [];
  if (at > 0) {
    return [invalid(field, keyFile, `the private key in ${show(keyFile)} belongs to certificate #${at + 1} in ${show(certFile)}, ` +
      'not #1: the chain is out of order; allowed: the leaf (server) certificate first, then intermediates (leaf -> intermediate)')];
  }
  return [invalid(field, keyFile, `the private key in ${show(keyFile)} does not match the certificate in ${show(certFile)} ` +
    `(subject ${subjectOf(chain[0])}); allowed: the key the certificate was issued for`)];
}

/** Key strength: RSA of at least 2048 bits; EC and Ed25519 keys are accepted. */
export function keyStrengthProblems(field: Field, cert: crypto.X509Certificate, file: string): Problem[] {
  const key = cert.publicKey;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if ((key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') || bits === undefined || bits >= MIN_RSA_BITS) return [];
  return [invalid(field, file, `the certificate in ${show(file)} has a ${bits}-bit RSA key; allowed: RSA of at least ${MIN_RSA_BITS} bits, ` +
    'or ECDSA P-256 (OpenSSL 3 rejects 1024-bit keys at its default security level)')];
}

/** `validTo` as a Date (Node 20 has no `validToDate`). */
export function notAfter(cert: crypto.X509Certificate): Date {
  return new Date(cert.validTo);
}

/** `validFrom` as a Date. */
export function notBefore(cert: crypto.X509Certificate): Date {
  return new Date(cert.validFrom);
}

/** Valid at `now`: neither expired nor not yet valid. */
export function validityProblems(field: Field, cert: crypto.X509Certificate, file: string, now: Date): Problem[] {
  const to = notAfter(cert);
  const from = notBefore(cert);
  if (to.getTime() <= now.getTime()) {
    return [invalid(field, file, `the certificate in ${show(file)} expired on ${to.toISOString()}; allowed: a certificate valid now ` +
      '(renew it with the tool that issued it; see docs/tls.md)')];
  }
  if (from.getTime() > now.getTime()) {
    return [invalid(field, file, `the certificate in ${show(file)} is not valid before ${from.toISOString()}; allowed: a certificate valid now`)];
  }
  return [];
}

/** The warning for a certificate valid at `now` that expires within `warningDays`, else undefined. */
export function expiryWarning(cert: crypto.X509Certificate, file: string, now: Date, warningDays: number = EXPIRY_WARNING_DAYS): string | undefined {
  const to = notAfter(cert);
  const daysLeft = (to.getTime() - now.getTime()) / 86_400_000;
  if (daysLeft <= 0 || daysLeft >= warningDays) return undefined;
  return `the certificate in ${show(file)} expires on ${to.toISOString()} (in ${Math.floor(daysLeft)} days); renew it`;
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
export function subjectAltNameProblems(field: Field, cert: crypto.X509Certificate, file: string): Problem[] {
  if (dnsNamesOf(cert).length > 0) return [];
  return [invalid(field, file, `the certificate in ${show(file)} (subject ${subjectOf(cert)}) has no ` +
    'DNS subjectAltName; allowed: a certificate whose subjectAltName lists its hosts (clients ignore the CN; with openssl, ' +
    '`-addext "subjectAltName = DNS:..."`)')];
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

/** Every host is covered by one of the certificate's DNS names (one problem per host that is not). */
export function coversHostsProblems(field: Field, names: readonly string[], hosts: readonly string[], file: string): Problem[] {
  return hosts.filter(host => !names.some(n => nameCoversHost(n, host))).map(host =>
    invalid(field, host, `the certificate in ${show(file)} does not cover host ${show(host)}: its subjectAltName ` +
      `has ${names.map(n => show(n)).join(', ')}; allowed: a certificate with ${show(host)} or a wildcard ` +
      'for its parent domain (a wildcard covers exactly one label)'));
}

/** The chain is in the order servers send it: leaf, then each certificate's issuer. */
export function chainOrderProblems(field: Field, chain: readonly crypto.X509Certificate[], file: string): Problem[] {
  const problems: Problem[] = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const parent = chain[i + 1];
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      problems.push(invalid(field, file, `certificate #${i + 2} in ${show(file)} (${subjectOf(parent)}) did not ` +
        `issue certificate #${i + 1} (${subjectOf(child)}); allowed: the leaf first, then each ` +
        'intermediate after the certificate it signed (leaf -> intermediate)'));
    }
  }
  if (chain.length > 1 && chain[0].ca) {
    problems.push(invalid(field, file, `certificate #1 in ${show(file)} is a CA certificate; allowed: the server (leaf) certificate first`));
  }
  return problems;
}

/**
 * What the checks of a certificate/key pair found.
 * @experimental
 */
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

/**
 * Options of {@link checkCertificateFiles}.
 * @experimental
 */
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

/** The checks of the leaf as the leaf: skipped when the key belongs to a later certificate (the chain is out of order, said once). */
function leafProblems(field: Field, chain: crypto.X509Certificate[], key: crypto.KeyObject | undefined, options: CertificateFilesCheck): Problem[] {
  if (key !== undefined && keyPosition(chain, key) > 0) return [];
  const san = subjectAltNameProblems(field, chain[0], options.certPath);
  return [
    ...san,
    ...(san.length === 0 ? coversHostsProblems(field, dnsNamesOf(chain[0]), options.hosts, options.certPath) : []),
    ...chainOrderProblems(field, chain, options.certPath),
  ];
}

/**
 * Every check on a PEM certificate chain and its key: read and parse both, key strength, key
 * matches leaf, validity of each certificate, SAN present, hosts covered, chain order. The report
 * only when there is no problem.
 */
export function checkCertificateFiles(field: Field, options: CertificateFilesCheck): { report?: CertificateFilesReport; problems: Problem[] } {
  const certPem = readPemFile(field, options.certPath);
  const keyPem = readPemFile(field, options.keyPath);
  const chain = certPem.value === undefined ? undefined : parseCertificateChain(field, options.certPath, certPem.value);
  const key = keyPem.value === undefined ? undefined : parsePrivateKey(field, options.keyPath, keyPem.value);
  const problems = [...certPem.problems, ...keyPem.problems, ...(chain?.problems ?? []), ...(key?.problems ?? [])];
  if (chain?.value === undefined) return { problems };
  const certs = chain.value;
  const now = options.now ?? new Date();
  problems.push(
    ...certs.flatMap(c => keyStrengthProblems(field, c, options.certPath)),
    ...(key?.value ? keyMatchProblems(field, certs, key.value, options.certPath, options.keyPath) : []),
    ...certs.flatMap(c => validityProblems(field, c, options.certPath, now)),
    ...leafProblems(field, certs, key?.value, options),
  );
  if (problems.length > 0 || key?.value === undefined) return { problems };
  return {
    problems,
    report: {
      chainPem: certs.map(c => c.toString().trim()).join('\n') + '\n',
      keyPem: keyPem.value!.trim() + '\n',
      dnsNames: dnsNamesOf(certs[0]),
      notAfter: notAfter(certs[0]),
      warnings: certs.map(c => expiryWarning(c, options.certPath, now, options.warningDays ?? EXPIRY_WARNING_DAYS))
        .filter((w): w is string => w !== undefined),
    },
  };
}
