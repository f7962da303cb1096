/**
 * The lab's PKI: a CA, certificates signed by it, and the idempotent writer behind
 * `npm run lab:certs` (scripts/lab-certs.ts is its command line). Also the test PKI of
 * __tests__/helpers/tls.ts. No side effects beyond registering node's WebCrypto with @peculiar/x509.
 *
 * generateLabCertificates writes into a git-ignored folder (default `.lab-certs/`, never `dist/`):
 *   ca.crt / ca.key            a lab CA (ECDSA P-256, CA:TRUE, keyCertSign)
 *   backend.crt / backend.key  the HTTPS backends' certificate, signed by the CA, with SANs for
 *                              each backend Service's DNS names and its public host
 *   wildcard.crt / wildcard.key  `*.<domain>` for the Ingress, signed by the CA
 * so that `curl --cacert .lab-certs/ca.crt` verifies end to end, which the seed never could
 * (1024-bit keys, no SAN, self-signed `*.xxx.com`, `curl -k`).
 *
 * Idempotent: files that are still valid for 30 days, signed by the current CA, with the
 * requested names and a matching key are kept; anything else is (re)written.
 */
import * as nodeCrypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LAB_CONFIG } from './config';
import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs the Reflect metadata API
import * as x509 from '@peculiar/x509';

// @peculiar/x509 types its provider with the DOM's Crypto, which this project's lib does not include.
x509.cryptoProvider.set(nodeCrypto.webcrypto as never);

type CryptoKey = nodeCrypto.webcrypto.CryptoKey;
type CryptoKeyPair = nodeCrypto.webcrypto.CryptoKeyPair;
type Algorithm = nodeCrypto.webcrypto.Algorithm;
const subtle = nodeCrypto.webcrypto.subtle;

const ALG: nodeCrypto.webcrypto.EcKeyGenParams & nodeCrypto.webcrypto.EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;
/** Files with less validity left than this are renewed. */
export const RENEW_WITHIN_DAYS = 30;

/** A certificate and its key, as PEM. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Options of {@link createCertificateAuthority}. */
export interface CaOptions {
  readonly commonName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** Options of {@link issueCertificate}. */
export interface IssueOptions {
  readonly commonName: string;
  /** DNS subjectAltNames; empty = no SAN extension (for negative tests only). */
  readonly dnsNames: string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Issue a CA certificate (an intermediate). @default false */
  readonly isCa?: boolean;
  /** Key algorithm. @default ECDSA P-256 */
  readonly rsaBits?: number;
}

async function generateKeys(rsaBits?: number): Promise<{ keys: CryptoKeyPair; alg: Algorithm }> {
  if (rsaBits) {
    const alg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: rsaBits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    return { keys: await subtle.generateKey(alg, true, ['sign', 'verify']) as CryptoKeyPair, alg };
  }
  return { keys: await subtle.generateKey(ALG, true, ['sign', 'verify']) as CryptoKeyPair, alg: ALG };
}

async function keyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', key));
  return x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n';
}

async function importSigningKey(pem: string): Promise<{ key: CryptoKey; alg: Algorithm }> {
  const keyObject = nodeCrypto.createPrivateKey(pem);
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  if (keyObject.asymmetricKeyType === 'ec') {
    return { key: await subtle.importKey('pkcs8', der, ALG, false, ['sign']), alg: ALG };
  }
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return { key: await subtle.importKey('pkcs8', der, alg, false, ['sign']), alg };
}

function subject(cn: string): string {
  // Commas and '=' would change the DN's structure; lab names never contain them.
  return `CN=${cn}, O=cdk8s-expose lab`;
}

/** A self-signed lab CA (CA:TRUE critical, keyCertSign + cRLSign, SKI). */
export async function createCertificateAuthority(options: CaOptions = {}): Promise<PemPair> {
  const { keys, alg } = await generateKeys();
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: subject(options.commonName ?? 'cdk8s-expose lab CA'),
    keys,
    signingAlgorithm: alg,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 3650 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await keyToPem(keys.privateKey) };
}

/** A certificate signed by `ca`: a TLS server certificate, or an intermediate CA with `isCa`. */
export async function issueCertificate(ca: PemPair, options: IssueOptions): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const signer = await importSigningKey(ca.keyPem);
  const { keys } = await generateKeys(options.rsaBits);
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.isCa === true, undefined, true),
    options.isCa
      ? new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)
      : new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
  ];
  if (!options.isCa) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  if (options.dnsNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.dnsNames.map(value => ({ type: 'dns' as const, value }))));
  }
  const cert = await x509.X509CertificateGenerator.create({
    subject: subject(options.commonName),
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.alg,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 397 * DAY),
    extensions,
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await keyToPem(keys.privateKey) };
}

/** Options of {@link generateLabCertificates} (the command line flags). */
export interface LabCertsOptions {
  /** Output folder. @default '.lab-certs' */
  readonly outDir?: string;
  /** The lab's domain: the wildcard is `*.<domain>`, public hosts `svcN.<domain>`. @default - lab/config.ts's domain */
  readonly domain?: string;
  /** Namespace of the backend Services (their `.ns.svc` names). @default - lab/config.ts's namespace */
  readonly namespace?: string;
  /** The backends that serve HTTPS (seed: svc2, svc4, svc5). @default ['svc2','svc4','svc5'] */
  readonly services?: string[];
  /** Service name = `<svc><suffix>` (seed: `svc2-cluster-ip`). @default '-cluster-ip' */
  readonly serviceSuffix?: string;
  /** Rewrite everything even if valid. @default false */
  readonly force?: boolean;
  /** Allow an output folder inside `dist/` (published manifests). @default false */
  readonly allowDist?: boolean;
  /** Working directory that relative paths and `dist/` are resolved against. @default process.cwd() */
  readonly cwd?: string;
}

/** One file the command wrote or kept. */
export interface LabCertsFile {
  readonly file: string;
  readonly action: 'wrote' | 'kept';
}

/** What {@link generateLabCertificates} did. */
export interface LabCertsResult {
  readonly outDir: string;
  readonly domain: string;
  readonly backendDnsNames: string[];
  readonly wildcardDnsNames: string[];
  readonly files: LabCertsFile[];
}

/** The backend certificate's names: each Service's short, namespaced and FQDN names, and its public host. */
export function backendDnsNames(services: string[], suffix: string, namespace: string, domain: string): string[] {
  const names: string[] = [];
  for (const svc of services) {
    const service = `${svc}${suffix}`;
    names.push(service, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`, `${svc}.${domain}`);
  }
  return names;
}

const DNS_NAME = /^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function readPair(dir: string, base: string): PemPair | undefined {
  const crt = path.join(dir, `${base}.crt`);
  const key = path.join(dir, `${base}.key`);
  if (!fs.existsSync(crt) || !fs.existsSync(key)) return undefined;
  return { certPem: fs.readFileSync(crt, 'utf8'), keyPem: fs.readFileSync(key, 'utf8') };
}

/** Whether an existing pair can be kept: parses, key matches, valid for 30 more days, names and issuer as wanted. */
function reusable(pair: PemPair | undefined, wantNames: string[] | undefined, issuer: nodeCrypto.X509Certificate | undefined): boolean {
  if (!pair) return false;
  try {
    const cert = new nodeCrypto.X509Certificate(pair.certPem);
    if (!cert.checkPrivateKey(nodeCrypto.createPrivateKey(pair.keyPem))) return false;
    if (new Date(cert.validTo).getTime() - Date.now() < RENEW_WITHIN_DAYS * DAY) return false;
    if (issuer && !(cert.checkIssued(issuer) && cert.verify(issuer.publicKey))) return false;
    if (wantNames) {
      const have = (cert.subjectAltName ?? '').split(', ').filter(s => s.startsWith('DNS:')).map(s => s.slice(4)).sort();
      if (JSON.stringify(have) !== JSON.stringify([...wantNames].sort())) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a private key so that no byte of it is ever readable by others: a new file is created
 * with mode 0600 (O_EXCL, after removing an old one), then written.
 */
function writePrivateKey(file: string, pem: string): void {
  fs.rmSync(file, { force: true });
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // the umask may have narrowed it further, never widened: make it exact
    fs.writeSync(fd, pem);
  } finally {
    fs.closeSync(fd);
  }
}

function writePair(dir: string, base: string, pair: PemPair): void {
  fs.writeFileSync(path.join(dir, `${base}.crt`), pair.certPem, { mode: 0o644 });
  writePrivateKey(path.join(dir, `${base}.key`), pair.keyPem);
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (symlinks resolved). */
function realPathOf(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Whether `dir` is `dist/` or inside it, symlinks included (either side may be a link). */
function isInsideDist(dir: string, cwd: string): boolean {
  const outs = [path.resolve(dir), realPathOf(path.resolve(dir))];
  const dists = [path.resolve(cwd, 'dist'), realPathOf(path.resolve(cwd, 'dist'))];
  return outs.some(o => dists.some(d => o === d || o.startsWith(d + path.sep)));
}

/** Writes (or keeps) the lab CA, the backend certificate and the wildcard certificate. */
export async function generateLabCertificates(options: LabCertsOptions = {}): Promise<LabCertsResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir ?? '.lab-certs');
  if (!options.allowDist && isInsideDist(outDir, cwd)) {
    throw new Error(`refusing to write private keys into ${outDir}: dist/ holds the published manifests; ` +
      'choose another --out (default .lab-certs/, git-ignored) or pass --allow-dist');
  }
  const domain = (options.domain ?? LAB_CONFIG.domain).toLowerCase();
  const namespace = options.namespace ?? LAB_CONFIG.namespace;
  const services = options.services ?? ['svc2', 'svc4', 'svc5'];
  const suffix = options.serviceSuffix ?? '-cluster-ip';
  const backendNames = backendDnsNames(services, suffix, namespace, domain);
  const wildcardNames = [`*.${domain}`];
  for (const name of [...backendNames, ...wildcardNames]) {
    if (name.length > 253 || !DNS_NAME.test(name)) {
      throw new Error(`${JSON.stringify(name)} is not a valid DNS name; check --domain, --namespace, --services and --service-suffix`);
    }
  }
  if (domain.split('.').length < 2) throw new Error(`--domain ${JSON.stringify(domain)} needs at least two labels (e.g. example.com): TLS clients refuse "*.${domain}"`);

  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(outDir, 0o700); // an existing folder too: it holds private keys
  const files: LabCertsFile[] = [];
  const note = (base: string, action: 'wrote' | 'kept'): void => {
    files.push({ file: path.join(outDir, `${base}.crt`), action }, { file: path.join(outDir, `${base}.key`), action });
  };

  let ca = readPair(outDir, 'ca');
  const caFresh = options.force || !reusable(ca, undefined, undefined) || !new nodeCrypto.X509Certificate(ca!.certPem).ca;
  if (caFresh) {
    ca = await createCertificateAuthority({ commonName: `cdk8s-expose lab CA (${domain})` });
    writePair(outDir, 'ca', ca);
  }
  note('ca', caFresh ? 'wrote' : 'kept');
  const caCert = new nodeCrypto.X509Certificate(ca!.certPem);

  for (const [base, names, cn] of [['backend', backendNames, backendNames[0] ?? domain], ['wildcard', wildcardNames, wildcardNames[0]]] as const) {
    const existing = readPair(outDir, base);
    const keep = !caFresh && !options.force && reusable(existing, [...names], caCert);
    if (!keep) writePair(outDir, base, await issueCertificate(ca!, { commonName: cn, dnsNames: [...names] }));
    note(base, keep ? 'kept' : 'wrote');
  }
  return { outDir, domain, backendDnsNames: backendNames, wildcardDnsNames: wildcardNames, files };
}
