import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CertManagerMode, CrossObjectChecks, PrivateKeyAlgorithm, ProblemKind, TlsCertificate, TlsCertificateSource, TlsIngress, TlsIngressProps, TlsMode,
  Warnings,
} from '../../constructs';
import { expectValidCertManagerObject } from '../helpers/crd';
import { DAY, removeTempDir, tempDir, testPki } from '../helpers/tls';
import { expectFails } from '../helpers/expect-fails';

const BACKEND = { serviceName: 'svc3-cluster-ip', port: 8888 };

function ingress(scope: Construct, id: string, props: Partial<TlsIngressProps> & { certificate?: TlsCertificate }): TlsIngress {
  return new TlsIngress(scope, id, { host: 'svc3.example.com', mode: TlsMode.TERMINATION, backend: BACKEND, ...props } as TlsIngressProps);
}

/** Synthesised objects of a chart (runs the app-wide checks too). */
function objects(chart: Chart): any[] {
  return chart.toJson();
}

let dir: string;
let pki: Awaited<ReturnType<typeof testPki>>;
let wildcard: { cert: string; key: string };
let other: { cert: string; key: string };

beforeAll(async () => {
  dir = tempDir();
  pki = await testPki(dir);
  wildcard = await pki.issue('wildcard', { dnsNames: ['*.example.com'] });
  other = await pki.issue('other', { dnsNames: ['svc3.example.com'] });
});
afterAll(() => removeTempDir(dir));

describe('fromSecretName', () => {
  test('serves an existing secret and synthesises nothing else', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.fromSecretName('secret-tls-svc3');
    const ing = ingress(chart, 'Ingress', { certificate: cert });
    const objs = objects(chart);
    expect(objs.map(o => o.kind)).toEqual(['Ingress']);
    expect(objs[0].spec.tls).toEqual([{ hosts: ['svc3.example.com'], secretName: 'secret-tls-svc3' }]);
    expect(ing.certificate).toBe(cert);
    expect(cert.source).toBe(TlsCertificateSource.SECRET_NAME);
    expect(cert.definedInApp).toBe(false);
    expect(cert.secretName).toBe('secret-tls-svc3');
    expect(cert.hosts).toEqual(['svc3.example.com']);
    expect(cert.apiObjects).toEqual([]);
  });

  test('tlsSecretName is the same as fromSecretName', () => {
    const chart = Testing.chart();
    const ing = ingress(chart, 'Ingress', { tlsSecretName: 'secret-tls-svc3' });
    expect(ing.certificate?.source).toBe(TlsCertificateSource.SECRET_NAME);
    expect(ing.certificate?.secretName).toBe('secret-tls-svc3');
    expect(ing.tlsSecretName).toBe('secret-tls-svc3');
  });

  test('fails for an invalid secret name', () => {
    expectFails(() => TlsCertificate.fromSecretName('Secret_TLS'), '[TlsCertificate.fromSecretName()] secretName: "Secret_TLS" is not a valid DNS-1123 subdomain');
  });
});

describe('certManager', () => {
  test('emits a cert-manager Certificate with the host, named after the Ingress', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.certManager({ issuerName: 'lab-ca' });
    ingress(chart, 'Svc3Ingress', { certificate: cert });
    const objs = objects(chart);
    const certificate = objs.find(o => o.kind === 'Certificate');
    expect(certificate).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'svc3-ingress-tls' },
      spec: {
        secretName: 'svc3-ingress-tls',
        dnsNames: ['svc3.example.com'],
        issuerRef: { name: 'lab-ca', kind: 'Issuer', group: 'cert-manager.io' },
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      },
    });
    expectValidCertManagerObject(certificate);
    const ing = objs.find(o => o.kind === 'Ingress');
    expect(ing.spec.tls).toEqual([{ hosts: ['svc3.example.com'], secretName: 'svc3-ingress-tls' }]);
    expect(ing.metadata.annotations).toBeUndefined();
    expect(cert.source).toBe(TlsCertificateSource.CERT_MANAGER);
    expect(cert.certManagerMode).toBe(CertManagerMode.CERTIFICATE);
    expect(cert.definedInApp).toBe(true);
    expect(cert.secretName).toBe('svc3-ingress-tls');
    expect(cert.apiObjects).toHaveLength(1);
    expect(cert.ingressAnnotations).toEqual({});
  });

  test('a ClusterIssuer, RSA 4096, duration and renewBefore', () => {
    const chart = Testing.chart();
    ingress(chart, 'Ingress', {
      certificate: TlsCertificate.certManager({
        clusterIssuerName: 'letsencrypt', secretName: 'svc3-tls', duration: '2160h', renewBefore: '360h',
        privateKeyAlgorithm: PrivateKeyAlgorithm.RSA, privateKeySize: 4096,
      }),
    });
    const certificate = objects(chart).find(o => o.kind === 'Certificate');
    expect(certificate.spec).toEqual({
      secretName: 'svc3-tls', dnsNames: ['svc3.example.com'], duration: '2160h', renewBefore: '360h',
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      privateKey: { algorithm: 'RSA', size: 4096, rotationPolicy: 'Always' },
    });
    expectValidCertManagerObject(certificate);
  });

  test('Ed25519 has no size', () => {
    const chart = Testing.chart();
    ingress(chart, 'Ingress', { certificate: TlsCertificate.certManager({ issuerName: 'ca', privateKeyAlgorithm: PrivateKeyAlgorithm.ED25519 }) });
    const certificate = objects(chart).find(o => o.kind === 'Certificate');
    expect(certificate.spec.privateKey).toEqual({ algorithm: 'Ed25519', rotationPolicy: 'Always' });
    expectValidCertManagerObject(certificate);
  });

  test('one certificate shared by two Ingresses of a chart is one Certificate with both hosts, sorted', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.certManager({ issuerName: 'lab-ca', secretName: 'wildcard-tls' });
    ingress(chart, 'Svc4', { host: 'svc4.example.com', certificate: cert });
    ingress(chart, 'Svc3', { host: 'svc3.example.com', certificate: cert });
    const certs = objects(chart).filter(o => o.kind === 'Certificate');
    expect(certs).toHaveLength(1);
    expect(certs[0].spec.dnsNames).toEqual(['svc3.example.com', 'svc4.example.com']);
    expect(cert.hosts).toEqual(['svc3.example.com', 'svc4.example.com']);
  });

  test('used in two charts, each chart gets its own Certificate with its own hosts', () => {
    const app = Testing.app();
    // in two namespaces: in one, the two Certificates (and Ingresses) would be one object (object-identity)
    const a = new Chart(app, 'A', { namespace: 'a' });
    const b = new Chart(app, 'B', { namespace: 'b' });
    const cert = TlsCertificate.certManager({ issuerName: 'lab-ca', secretName: 'shared-tls' });
    ingress(a, 'Ingress', { host: 'a.example.com', certificate: cert });
    ingress(b, 'Ingress', { host: 'b.example.com', certificate: cert });
    expect(objects(a).find(o => o.kind === 'Certificate').spec.dnsNames).toEqual(['a.example.com']);
    expect(objects(b).find(o => o.kind === 'Certificate').spec.dnsNames).toEqual(['b.example.com']);
    expect(cert.apiObjects).toHaveLength(2);
  });

  test('REENCRYPT with a backend CA pins no namespace on the Ingress or the Certificate (they follow the chart)', () => {
    const chart = Testing.chart();
    CrossObjectChecks.declareExternalSecret(chart, 'lab-ca-trust', 'default');
    ingress(chart, 'Ingress', {
      mode: TlsMode.REENCRYPT, certificate: TlsCertificate.certManager({ issuerName: 'lab-ca' }),
      backendCaSecretName: 'lab-ca-trust', backendServerName: 'svc3-cluster-ip.default.svc',
    });
    const objs = objects(chart);
    expect(objs.find(o => o.kind === 'Ingress').metadata.namespace).toBeUndefined();
    expect(objs.find(o => o.kind === 'Certificate').metadata.namespace).toBeUndefined();
  });

  test('INGRESS_SHIM annotates the Ingress and emits no Certificate', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.certManager({ issuerName: 'lab-ca', mode: CertManagerMode.INGRESS_SHIM, duration: '2160h', renewBefore: '360h' });
    const ing = ingress(chart, 'Ingress', { certificate: cert, annotations: { 'example.com/team': 'lab' } });
    const objs = objects(chart);
    expect(objs.map(o => o.kind)).toEqual(['Ingress']);
    expect(objs[0].metadata.annotations).toEqual({
      'cert-manager.io/duration': '2160h',
      'cert-manager.io/issuer': 'lab-ca',
      'cert-manager.io/renew-before': '360h',
      'example.com/team': 'lab',
    });
    expect(objs[0].spec.tls[0].secretName).toBe('ingress-tls');
    expect(ing.annotations['cert-manager.io/issuer']).toBe('lab-ca');
    expect(cert.ingressAnnotations).toEqual({ 'cert-manager.io/issuer': 'lab-ca', 'cert-manager.io/duration': '2160h', 'cert-manager.io/renew-before': '360h' });
  });

  test('INGRESS_SHIM with a ClusterIssuer', () => {
    const chart = Testing.chart();
    ingress(chart, 'Ingress', { certificate: TlsCertificate.certManager({ clusterIssuerName: 'letsencrypt', mode: CertManagerMode.INGRESS_SHIM }) });
    expect(objects(chart)[0].metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  });

  test('secretName before any use says how to know it', () => {
    expect(() => TlsCertificate.certManager({ issuerName: 'lab-ca' }).secretName).toThrow(/no secret name until a TlsIngress uses it/);
  });

  test('fails with neither issuer', () => {
    expectFails(() => TlsCertificate.certManager({}), '[TlsCertificate.certManager()] options.issuerName: has neither issuerName and clusterIssuerName');
  });
  test('fails with both issuers', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', clusterIssuerName: 'b' }), 'has both issuerName and clusterIssuerName');
  });
  test('fails for an invalid issuer name', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'Lab CA' }), 'options.issuerName: "Lab CA" is not a valid DNS-1123 subdomain');
    expectFails(() => TlsCertificate.certManager({ clusterIssuerName: 'Lab CA' }), 'options.clusterIssuerName: "Lab CA"');
  });
  test('fails for an invalid secret name', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', secretName: 'a_b' }), 'options.secretName: "a_b"');
  });
  test('fails for an unknown mode', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', mode: 'ANNOTATION' as CertManagerMode }), 'options.mode: "ANNOTATION" is not allowed');
  });
  test('fails for a duration that is not a Go duration', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', duration: '90d' }), 'options.duration: "90d" is not a Go duration');
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', renewBefore: '1 week' }), 'options.renewBefore: "1 week"');
  });
  test('fails for a key size the algorithm does not have', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', privateKeySize: 2048 }), 'options.privateKeySize: 2048 is not allowed for ECDSA; allowed: 256, 384, 521');
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', privateKeyAlgorithm: PrivateKeyAlgorithm.RSA, privateKeySize: 1024 }),
      '1024 is not allowed for RSA; allowed: 2048, 4096, 8192');
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', privateKeyAlgorithm: PrivateKeyAlgorithm.ED25519, privateKeySize: 256 }),
      'allowed: no size');
  });
  test('fails for an unknown key algorithm', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', privateKeyAlgorithm: 'DSA' as PrivateKeyAlgorithm }), 'options.privateKeyAlgorithm: "DSA" is not allowed');
  });
  test('fails for key options in INGRESS_SHIM mode', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'a', mode: CertManagerMode.INGRESS_SHIM, privateKeyAlgorithm: PrivateKeyAlgorithm.RSA }),
      'options.privateKeyAlgorithm: is set in INGRESS_SHIM mode');
  });
  test('fails when an INGRESS_SHIM certificate is used by a second Ingress', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.certManager({ issuerName: 'lab-ca', mode: CertManagerMode.INGRESS_SHIM });
    ingress(chart, 'A', { host: 'a.example.com', certificate: cert });
    expectFails(() => ingress(chart, 'B', { host: 'b.example.com', certificate: cert }),
      '[test/B] props.certificate: the INGRESS_SHIM certificate for secret "a-tls" is already used by another Ingress');
  });
  test('fails when two certificates define the same secret in one chart, and leaves nothing of the second Ingress', () => {
    const chart = Testing.chart();
    ingress(chart, 'A', { host: 'a.example.com', certificate: TlsCertificate.certManager({ issuerName: 'x', secretName: 'same-tls' }) });
    expectFails(() => ingress(chart, 'B', { host: 'b.example.com', certificate: TlsCertificate.certManager({ issuerName: 'x', secretName: 'same-tls' }) }),
      '[test/B] props.certificate: secret "same-tls" is already defined in chart', 'reuse the same TlsCertificate instance');
    expect(chart.node.tryFindChild('B')).toBeUndefined();
    expect(objects(chart).filter(o => o.kind === 'Ingress').map(o => o.metadata.name)).toEqual(['a']);
  });
  test('every problem of the options in one error, in option order', () => {
    const e = expectFails(() => TlsCertificate.certManager({ issuerName: 'Lab CA', duration: '90d', privateKeySize: 2048 }));
    expect(e.message.split('\n')).toEqual([
      '[TlsCertificate.certManager()] options.issuerName: "Lab CA" is not a valid DNS-1123 subdomain: it must consist of lowercase letters, ' +
        'digits, \'-\' and \'.\', with a letter or digit at both ends of each dot-separated part; allowed: at most 253 characters of ' +
        'dot-separated parts of lowercase letters, digits and \'-\' (e.g. "example.com")',
      '[TlsCertificate.certManager()] options.duration: "90d" is not a Go duration; allowed: a number and unit, repeated (ns, us, ms, s, m, h), ' +
        'e.g. "2160h" or "90m"',
      '[TlsCertificate.certManager()] options.privateKeySize: 2048 is not allowed for ECDSA; allowed: 256, 384, 521',
    ]);
    expect(e.problems.map(p => [p.kind, p.field, p.value])).toEqual([
      [ProblemKind.INVALID, 'options.issuerName', 'Lab CA'],
      [ProblemKind.INVALID, 'options.duration', '90d'],
      [ProblemKind.NOT_SUPPORTED, 'options.privateKeySize', 2048],
    ]);
  });
  test('an unknown key algorithm is one problem, not also one of its size', () => {
    const e = expectFails(() => TlsCertificate.certManager({ issuerName: 'a', privateKeyAlgorithm: 'DSA' as PrivateKeyAlgorithm, privateKeySize: 1024 }));
    expect(e.problems.map(p => p.field)).toEqual(['options.privateKeyAlgorithm']);
  });
  test('fails when the user sets a cert-manager annotation next to a certificate', () => {
    const chart = Testing.chart();
    expectFails(() => ingress(chart, 'A', { certificate: TlsCertificate.certManager({ issuerName: 'x' }), annotations: { 'cert-manager.io/issuer': 'y' } }),
      '[test/A] metadata.annotations["cert-manager.io/issuer"]: is a cert-manager annotation, which TlsIngress manages');
  });
});

describe('TlsIngress certificate rules', () => {
  test('fails with both tlsSecretName and certificate', () => {
    expectFails(() => ingress(Testing.chart(), 'A', { tlsSecretName: 'a', certificate: TlsCertificate.fromSecretName('b') }),
      '[test/A] props.certificate: is set together with tlsSecretName "a"; allowed: exactly one of them');
  });
  test('fails with neither for TERMINATION', () => {
    expectFails(() => ingress(Testing.chart(), 'A', {}), '[test/A] props.tlsSecretName: is missing', 'tlsSecretName or certificate');
  });
  test('fails with a certificate in PASSTHROUGH', () => {
    expectFails(() => ingress(Testing.chart(), 'A', { mode: TlsMode.PASSTHROUGH, host: 'svc5.example.com', certificate: TlsCertificate.fromSecretName('b') }),
      '[test/A] props.certificate: "SECRET_NAME" is set, but PASSTHROUGH forwards TLS untouched');
  });
});

describe('fromFiles', () => {
  test('is refused without the explicit opt-in', () => {
    expectFails(() => TlsCertificate.fromFiles(wildcard.cert, wildcard.key),
      '[TlsCertificate.fromFiles()] options.allowPrivateKeyInManifest: is not true', 'would write the private key into the synthesised manifest');
    expectFails(() => TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: false }), 'allowPrivateKeyInManifest');
  });

  test('with the opt-in: a kubernetes.io/tls Secret of the PEM files, and a warning', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true });
    ingress(chart, 'Ingress', { certificate: cert });
    const objs = objects(chart);
    const secret = objs.find(o => o.kind === 'Secret');
    expect(secret.metadata).toEqual({ name: 'wildcard-tls' });
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(Buffer.from(secret.data['tls.key'], 'base64').toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(objs.find(o => o.kind === 'Ingress').spec.tls[0].secretName).toBe('wildcard-tls');
    expect(cert.source).toBe(TlsCertificateSource.FILES);
    expect(cert.definedInApp).toBe(true);
    const warnings = Warnings.collect(chart.node.root).map(w => w.message);
    expect(warnings.some(w => w.includes('the private key from') && w.includes('wildcard.key') && w.includes('allowPrivateKeyInManifest: true'))).toBe(true);
  });

  test('same files, same bytes', () => {
    const synth = (): string => {
      const chart = Testing.chart();
      ingress(chart, 'Ingress', { certificate: TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true }) });
      return JSON.stringify(objects(chart));
    };
    expect(synth()).toEqual(synth());
  });

  test('a wildcard file serves two hosts and one Secret per chart', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true, secretName: 'lab-wildcard' });
    ingress(chart, 'Svc3', { host: 'svc3.example.com', certificate: cert });
    ingress(chart, 'Svc4', { host: 'svc4.example.com', certificate: cert });
    expect(objects(chart).filter(o => o.kind === 'Secret').map(o => o.metadata.name)).toEqual(['lab-wildcard']);
  });

  test('warns when the certificate expires within 30 days', async () => {
    const soon = await pki.issue('soon', { dnsNames: ['svc3.example.com'], notBefore: new Date(Date.now() - 60 * DAY), notAfter: new Date(Date.now() + 10 * DAY) });
    const chart = Testing.chart();
    ingress(chart, 'Ingress', { certificate: TlsCertificate.fromFiles(soon.cert, soon.key, { allowPrivateKeyInManifest: true }) });
    const warnings = Warnings.collect(chart.node.root).map(w => w.message);
    expect(warnings.some(w => /soon\.crt" expires on .* renew it/.test(w))).toBe(true);
  });

  test('fails when the certificate does not cover the host, naming the Ingress, the file and the host', () => {
    const cert = TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true });
    expectFails(() => ingress(Testing.chart(), 'Apex', { host: 'example.com', certificate: cert }),
      '[test/Apex] props.certificate: the certificate in', 'wildcard.crt" does not cover host "example.com"');
    expectFails(() => ingress(Testing.chart(), 'Deep', { host: 'a.svc3.example.com', certificate: cert }), 'does not cover host "a.svc3.example.com"');
  });

  test('fails when a second host is not covered (checked per use)', () => {
    const chart = Testing.chart();
    const cert = TlsCertificate.fromFiles(other.cert, other.key, { allowPrivateKeyInManifest: true });
    ingress(chart, 'Svc3', { host: 'svc3.example.com', certificate: cert });
    expectFails(() => ingress(chart, 'Svc4', { host: 'svc4.example.com', certificate: cert }), '[test/Svc4]', 'other.crt" does not cover host "svc4.example.com"');
  });

  test('fails when the key does not match, naming both files', () => {
    const cert = TlsCertificate.fromFiles(wildcard.cert, other.key, { allowPrivateKeyInManifest: true });
    expectFails(() => ingress(Testing.chart(), 'Ingress', { certificate: cert }), '[test/Ingress] props.certificate: the private key in', 'other.key" does not match the certificate in', 'wildcard.crt"');
  });

  test('fails when the certificate is expired', async () => {
    const old = await pki.issue('old', { dnsNames: ['svc3.example.com'], notBefore: new Date(Date.now() - 100 * DAY), notAfter: new Date(Date.now() - DAY) });
    expectFails(() => ingress(Testing.chart(), 'Ingress', { certificate: TlsCertificate.fromFiles(old.cert, old.key, { allowPrivateKeyInManifest: true }) }),
      'old.crt" expired on');
  });

  test('fails when the certificate has no subjectAltName', async () => {
    const nosan = await pki.issue('nosan', { commonName: 'svc3.example.com', dnsNames: [] });
    expectFails(() => ingress(Testing.chart(), 'Ingress', { certificate: TlsCertificate.fromFiles(nosan.cert, nosan.key, { allowPrivateKeyInManifest: true }) }),
      'nosan.crt" (subject', 'has no DNS subjectAltName');
  });

  test('the validity checks honour options.now', () => {
    const cert = TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true, now: new Date(Date.now() + 5000 * DAY) });
    expectFails(() => ingress(Testing.chart(), 'Ingress', { certificate: cert }), 'wildcard.crt" expired on');
  });

  test('fails for a secret name that cannot be derived from the file name', () => {
    expectFails(() => TlsCertificate.fromFiles('/x/___.crt', '/x/k.key', { allowPrivateKeyInManifest: true }),
      'options.secretName: "-tls" (derived from "/x/___.crt") is not a valid Secret name; set options.secretName');
    expectFails(() => TlsCertificate.fromFiles('/x/a.crt', '/x/k.key', { allowPrivateKeyInManifest: true, secretName: 'A' }), 'options.secretName: "A"');
  });

  test('fails for a missing opt-in and a bad secret name together: one error lists both', () => {
    const e = expectFails(() => TlsCertificate.fromFiles('/x/a.crt', '/x/k.key', { secretName: 'A' }),
      '[TlsCertificate.fromFiles()] options.allowPrivateKeyInManifest: is not true', '\n[TlsCertificate.fromFiles()] options.secretName: "A"');
    expect(e.problems.map(p => p.field)).toEqual(['options.allowPrivateKeyInManifest', 'options.secretName']);
  });

  test('fails for an expiry warning window out of range', () => {
    expectFails(() => TlsCertificate.fromFiles('/x/a.crt', '/x/k.key', { allowPrivateKeyInManifest: true, expiryWarningDays: -1 }),
      'options.expiryWarningDays: -1 is not allowed');
  });

  test('the App synthesises: the app-wide checks see the Secret as defined', () => {
    const app = new App({ outdir: dir + '/out' });
    const chart = new Chart(app, 'C', { disableResourceNameHashes: true });
    ingress(chart, 'Ingress', { certificate: TlsCertificate.fromFiles(wildcard.cert, wildcard.key, { allowPrivateKeyInManifest: true }) });
    expect(objects(chart).map(o => o.kind).sort()).toEqual(['Ingress', 'Secret']);
  });
});
