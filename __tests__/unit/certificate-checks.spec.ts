/**
 * The synth-time checks of PEM files (tls/certificate-checks.ts), exercised through the public
 * path that runs them: `TlsCertificate.fromFiles` served by `TlsIngress` hosts.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { TlsCertificate, TlsIngress, TlsMode, Warnings } from '../../constructs';
import { ExposeValidationError } from '../../constructs/core/errors';
import { createCertificateAuthority, DAY, issueCertificate, removeTempDir, tempDir, testPki, writePair } from '../helpers/tls';

let dir: string;
let pki: Awaited<ReturnType<typeof testPki>>;
let good: { cert: string; key: string };

beforeAll(async () => {
  dir = tempDir();
  pki = await testPki(dir);
  good = await pki.issue('good', { dnsNames: ['svc3.example.com', '*.example.com'] });
});
afterAll(() => removeTempDir(dir));

/** Serves the pair on one TlsIngress per host (Ing0, Ing1, ...); returns the chart's manifest and warnings. */
function serve(cert: string, key: string, hosts = ['svc3.example.com'], now?: Date): { manifest: any[]; warnings: string[] } {
  const chart = Testing.chart();
  const certificate = TlsCertificate.fromFiles(cert, key, { allowPrivateKeyInManifest: true, now });
  hosts.forEach((host, i) => new TlsIngress(chart, `Ing${i}`, {
    host, mode: TlsMode.TERMINATION, certificate, backend: { serviceName: 'svc3-cluster-ip', port: 8888 },
  }));
  return { manifest: Testing.synth(chart), warnings: Warnings.collect(chart).map(w => w.message) };
}

const check = (cert: string, key: string, hosts?: string[], now?: Date) => () => serve(cert, key, hosts, now);

describe('nameCoversHost (TLS wildcard rules): a certificate name covers an Ingress host', () => {
  /** One certificate per name (the cases repeat names: 9 certificates for 14 cases), issued when a case first needs it. */
  const issued = new Map<string, ReturnType<typeof pki.issue>>();
  const certificateFor = (name: string) => {
    if (!issued.has(name)) issued.set(name, pki.issue(`covers-${name.replace(/\W/g, '_')}`, { dnsNames: [name] }));
    return issued.get(name)!;
  };

  test.each([
    ['a.example.com', 'a.example.com', true],
    ['A.Example.COM', 'a.example.com', true],
    ['a.example.com.', 'a.example.com', true],
    ['*.example.com', 'a.example.com', true],
    ['*.Example.com', 'svc3.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['*.com', 'example.com', false],
    ['a*.example.com', 'ab.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['a.example.com', '*.example.com', false],
    ['b.example.com', 'a.example.com', false],
  ])('%s covers %s: %s', async (name, host, expected) => {
    const files = await certificateFor(name);
    if (expected) {
      expect(check(files.cert, files.key, [host])).not.toThrow();
    } else {
      expect(check(files.cert, files.key, [host])).toThrow(`does not cover host ${JSON.stringify(host)}`);
    }
  });

  test('agrees with OpenSSL (X509Certificate.checkHost) on the wildcard certificate', () => {
    const cert = new crypto.X509Certificate(fs.readFileSync(good.cert));
    for (const host of ['a.example.com', 'example.com', 'a.b.example.com', 'svc3.example.com', 'other.org']) {
      let covered = true;
      try {
        serve(good.cert, good.key, [host]);
      } catch {
        covered = false;
      }
      expect({ host, covered }).toEqual({ host, covered: cert.checkHost(host) !== undefined });
    }
  });
});

test('dnsNamesOf reads the subjectAltName DNS entries (listed when a host is not covered)', () => {
  expect(check(good.cert, good.key, ['other.org'])).toThrow('its subjectAltName has "svc3.example.com", "*.example.com"');
});

test('a good pair passes: the Secret holds the normalised PEM chain and key; no certificate warning', () => {
  const { manifest, warnings } = serve(good.cert, good.key, ['svc3.example.com', 'svc4.example.com']);
  const secret = manifest.find(o => o.kind === 'Secret');
  const crt = Buffer.from(secret.data['tls.crt'], 'base64').toString();
  const key = Buffer.from(secret.data['tls.key'], 'base64').toString();
  expect(crt).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(warnings.filter(w => w.includes('the certificate in'))).toEqual([]);
});

test('a chain leaf -> intermediate passes', async () => {
  const intermediate = await issueCertificate(pki.ca, { commonName: 'test intermediate', dnsNames: [], isCa: true });
  const leaf = await issueCertificate(intermediate, { commonName: 'svc3.example.com', dnsNames: ['svc3.example.com'] });
  const files = writePair(dir, 'chained', leaf, [intermediate]);
  expect(check(files.cert, files.key)).not.toThrow();
});

test('expiring within 30 days is a warning, not an error', async () => {
  const soon = await pki.issue('soon', { dnsNames: ['svc3.example.com'], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() + 5 * DAY) });
  const { warnings } = serve(soon.cert, soon.key);
  const expiry = warnings.filter(w => w.includes('expires on'));
  expect(expiry).toHaveLength(1);
  expect(expiry[0]).toMatch(/soon\.crt.*expires on .*\(in [45] days\); renew it/);
});

describe('bad inputs fail with the file and the host', () => {
  test('fails when the key does not match the certificate', async () => {
    const other = await pki.issue('other', { dnsNames: ['svc3.example.com'] });
    expect(check(good.cert, other.key)).toThrow(ExposeValidationError);
    expect(check(good.cert, other.key)).toThrow(/\[test\/Ing0\] props\.certificate: the private key in ".*other\.key" does not match the certificate in ".*good\.crt"/);
  });

  test('fails when the certificate is expired', async () => {
    const old = await pki.issue('expired', { dnsNames: ['svc3.example.com'], notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(check(old.cert, old.key)).toThrow(/the certificate in ".*expired\.crt" expired on \d{4}-/);
  });

  test('fails when the certificate is not yet valid', async () => {
    const future = await pki.issue('future', { dnsNames: ['svc3.example.com'], notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 100 * DAY) });
    expect(check(future.cert, future.key)).toThrow(/".*future\.crt" is not valid before/);
  });

  test('fails when the certificate has no subjectAltName', async () => {
    const nosan = await pki.issue('nosan', { commonName: 'svc3.example.com', dnsNames: [] });
    expect(check(nosan.cert, nosan.key)).toThrow(/".*nosan\.crt" \(subject .*CN=svc3\.example\.com.*\) has no DNS subjectAltName/);
  });

  test('fails when a host is not covered, naming file and host', () => {
    expect(check(good.cert, good.key, ['svc3.example.com', 'a.b.example.com']))
      .toThrow(/\[test\/Ing1\] props\.certificate: the certificate in ".*good\.crt" does not cover host "a\.b\.example\.com": its subjectAltName has "svc3\.example\.com", "\*\.example\.com"/);
    expect(check(good.cert, good.key, ['example.com'])).toThrow(/does not cover host "example\.com"/);
  });

  test('fails when the chain is out of order (intermediate first)', async () => {
    const intermediate = await issueCertificate(pki.ca, { commonName: 'test intermediate', dnsNames: [], isCa: true });
    const leaf = await issueCertificate(intermediate, { commonName: 'svc3.example.com', dnsNames: ['svc3.example.com'] });
    const cert = path.join(dir, 'reversed.crt');
    const key = path.join(dir, 'reversed.key');
    fs.writeFileSync(cert, intermediate.certPem + leaf.certPem);
    fs.writeFileSync(key, leaf.keyPem);
    expect(check(cert, key)).toThrow(/the private key in ".*reversed\.key" belongs to certificate #2 in ".*reversed\.crt", not #1: the chain is out of order/);
  });

  test('fails when an unrelated certificate follows the leaf', async () => {
    const otherCa = await createCertificateAuthority({ commonName: 'other CA' });
    const files = writePair(dir, 'unrelated', (await pki.issue('leaf-u', { dnsNames: ['svc3.example.com'] })).pair, [otherCa]);
    expect(check(files.cert, files.key)).toThrow(/certificate #2 in ".*unrelated\.crt" \(.*other CA.*\) did not issue certificate #1 .*leaf -> intermediate/);
  });

  test('fails for a 1024-bit RSA key', async () => {
    const weak = await pki.issue('weak', { dnsNames: ['svc3.example.com'], rsaBits: 1024 });
    expect(check(weak.cert, weak.key)).toThrow(/".*weak\.crt" has a 1024-bit RSA key; allowed: RSA of at least 2048 bits/);
  });

  test('fails for an expired certificate that does not cover the host either: one error lists both', async () => {
    const old = await pki.issue('expired-other', { dnsNames: ['other.example.org'], notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    let error: ExposeValidationError | undefined;
    try {
      serve(old.cert, old.key);
    } catch (e) {
      error = e as ExposeValidationError;
    }
    expect(error).toBeInstanceOf(ExposeValidationError);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[test\/Ing0\] props\.certificate: the certificate in ".*expired-other\.crt" expired on /);
    expect(lines[1]).toMatch(/^\[test\/Ing0\] props\.certificate: the certificate in ".*expired-other\.crt" does not cover host "svc3\.example\.com"/);
  });

  test('a chain out of order is said once (not also as a leaf without subjectAltName, nor as the chain order)', async () => {
    const intermediate = await issueCertificate(pki.ca, { commonName: 'test intermediate', dnsNames: [], isCa: true });
    const leaf = await issueCertificate(intermediate, { commonName: 'svc3.example.com', dnsNames: ['svc3.example.com'] });
    const cert = path.join(dir, 'reversed-once.crt');
    const key = path.join(dir, 'reversed-once.key');
    fs.writeFileSync(cert, intermediate.certPem + leaf.certPem);
    fs.writeFileSync(key, leaf.keyPem);
    expect(check(cert, key)).toThrow(/^\[test\/Ing0\] props\.certificate: the private key in ".*reversed-once\.key" belongs to certificate #2 in [^\n]*$/);
  });

  test('fails for a missing file, naming it', () => {
    expect(check(path.join(dir, 'nope.crt'), good.key)).toThrow(/cannot read ".*nope\.crt"/);
  });

  test('fails for a file without a certificate', () => {
    expect(check(good.key, good.key)).toThrow(/".*good\.key" holds no PEM certificate/);
  });

  test('fails for a key file without a private key', () => {
    expect(check(good.cert, good.cert)).toThrow(/".*good\.crt" holds no unencrypted PEM private key/);
  });

  test('fails for an encrypted key', () => {
    const encrypted = path.join(dir, 'encrypted.key');
    fs.writeFileSync(encrypted, crypto.createPrivateKey(fs.readFileSync(good.key)).export({
      format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x',
    }) as string);
    expect(check(good.cert, encrypted)).toThrow(/".*encrypted\.key" holds no unencrypted PEM private key/);
  });
});
