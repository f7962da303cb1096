import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LAB_CONFIG } from '../../lab/config';
import { backendDnsNames, generateLabCertificates } from '../../lab/pki';
import { removeTempDir, tempDir } from '../helpers/tls';

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => removeTempDir(dir));

test('writes a CA, a backend and a wildcard certificate with SANs; keys are 0600', async () => {
  const r = await generateLabCertificates({ cwd: dir });
  expect(r.outDir).toBe(path.join(dir, '.lab-certs'));
  expect(r.domain).toBe(LAB_CONFIG.domain);
  expect(r.files.map(f => `${f.action} ${path.basename(f.file)}`)).toEqual([
    'wrote ca.crt', 'wrote ca.key', 'wrote backend.crt', 'wrote backend.key', 'wrote wildcard.crt', 'wrote wildcard.key',
  ]);
  const read = (f: string): crypto.X509Certificate => new crypto.X509Certificate(fs.readFileSync(path.join(r.outDir, f)));
  const ca = read('ca.crt');
  expect(ca.ca).toBe(true);
  expect(read('wildcard.crt').subjectAltName).toBe(`DNS:*.${LAB_CONFIG.domain}`);
  expect(read('backend.crt').subjectAltName).toContain(`DNS:svc4-cluster-ip.${LAB_CONFIG.namespace}.svc.cluster.local`);
  for (const f of ['backend.crt', 'wildcard.crt']) {
    expect(read(f).checkIssued(ca)).toBe(true);
    expect(read(f).verify(ca.publicKey)).toBe(true);
    expect(read(f).ca).toBe(false);
  }
  for (const f of ['ca.key', 'backend.key', 'wildcard.key']) expect(fs.statSync(path.join(r.outDir, f)).mode & 0o777).toBe(0o600);
});

test('is idempotent: a second run keeps everything; --force rewrites', async () => {
  await generateLabCertificates({ cwd: dir, domain: 'example.com' });
  const before = fs.readFileSync(path.join(dir, '.lab-certs', 'wildcard.crt'), 'utf8');
  const again = await generateLabCertificates({ cwd: dir, domain: 'example.com' });
  expect(again.files.every(f => f.action === 'kept')).toBe(true);
  expect(fs.readFileSync(path.join(dir, '.lab-certs', 'wildcard.crt'), 'utf8')).toBe(before);
  const forced = await generateLabCertificates({ cwd: dir, domain: 'example.com', force: true });
  expect(forced.files.every(f => f.action === 'wrote')).toBe(true);
});

test('a changed domain reissues the leaf certificates but keeps the CA', async () => {
  await generateLabCertificates({ cwd: dir, domain: 'example.com' });
  const r = await generateLabCertificates({ cwd: dir, domain: 'example.org' });
  expect(r.files.map(f => `${f.action} ${path.basename(f.file)}`)).toEqual([
    'kept ca.crt', 'kept ca.key', 'wrote backend.crt', 'wrote backend.key', 'wrote wildcard.crt', 'wrote wildcard.key',
  ]);
});

test('refuses to write into dist/ unless allowed', async () => {
  await expect(generateLabCertificates({ cwd: dir, outDir: 'dist/certs' })).rejects.toThrow(/refusing to write private keys into .*dist\/certs/);
  await expect(generateLabCertificates({ cwd: dir, outDir: 'dist' })).rejects.toThrow(/refusing/);
  expect(fs.readdirSync(dir)).toEqual([]); // a refusal writes nothing, not even the folder
  const out = path.join(dir, 'dist', 'certs');
  const r = await generateLabCertificates({ cwd: dir, outDir: 'dist/certs', allowDist: true });
  expect(r.outDir).toBe(out);
  expect(r.files.map(f => `${f.action} ${path.relative(dir, f.file)}`)).toEqual([
    'wrote dist/certs/ca.crt', 'wrote dist/certs/ca.key', 'wrote dist/certs/backend.crt', 'wrote dist/certs/backend.key',
    'wrote dist/certs/wildcard.crt', 'wrote dist/certs/wildcard.key',
  ]);
  expect(fs.readdirSync(out).sort()).toEqual(['backend.crt', 'backend.key', 'ca.crt', 'ca.key', 'wildcard.crt', 'wildcard.key']);
  expect(fs.statSync(out).mode & 0o777).toBe(0o700);
  const ca = new crypto.X509Certificate(fs.readFileSync(path.join(out, 'ca.crt')));
  expect(ca.ca).toBe(true);
  for (const base of ['backend', 'wildcard']) {
    const cert = new crypto.X509Certificate(fs.readFileSync(path.join(out, `${base}.crt`)));
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(crypto.createPrivateKey(fs.readFileSync(path.join(out, `${base}.key`))))).toBe(true);
    expect(fs.statSync(path.join(out, `${base}.key`)).mode & 0o777).toBe(0o600);
  }
  expect(new crypto.X509Certificate(fs.readFileSync(path.join(out, 'wildcard.crt'))).subjectAltName).toBe(`DNS:*.${LAB_CONFIG.domain}`);
});

test('refuses an output folder that resolves into dist/ through a symlink', async () => {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(dir, 'dist'), path.join(dir, 'certs-link'));
  await expect(generateLabCertificates({ cwd: dir, outDir: 'certs-link' })).rejects.toThrow(/refusing to write private keys/);
  await expect(generateLabCertificates({ cwd: dir, outDir: 'certs-link/sub' })).rejects.toThrow(/refusing to write private keys/);
  fs.rmSync(path.join(dir, 'certs-link'));
});

test('tightens an existing certificate folder to 0700; key files are 0600 from their first byte', async () => {
  const out = path.join(dir, 'loose');
  fs.mkdirSync(out, { mode: 0o755 });
  fs.chmodSync(out, 0o755);
  fs.writeFileSync(path.join(out, 'ca.key'), 'old', { mode: 0o644 });
  fs.chmodSync(path.join(out, 'ca.key'), 0o644);
  // a second name for the old key file: rewriting it in place (then chmod) would show through here
  fs.linkSync(path.join(out, 'ca.key'), path.join(dir, 'old-ca.key'));
  await generateLabCertificates({ cwd: dir, outDir: 'loose' });
  expect(fs.statSync(out).mode & 0o777).toBe(0o700);
  // a new file (created 0600 with O_EXCL, then written), not the old 0644 one rewritten in place
  expect(fs.readFileSync(path.join(dir, 'old-ca.key'), 'utf8')).toBe('old');
  for (const key of ['ca.key', 'backend.key', 'wildcard.key']) {
    expect(fs.statSync(path.join(out, key)).mode & 0o777).toBe(0o600);
  }
});

test('refuses invalid names and a one-label domain', async () => {
  await expect(generateLabCertificates({ cwd: dir, domain: 'com' })).rejects.toThrow(/needs at least two labels/);
  await expect(generateLabCertificates({ cwd: dir, services: ['Svc_2'] })).rejects.toThrow(/"Svc_2-cluster-ip" is not a valid DNS name/);
});

test('backend names: short, namespaced, FQDN and public host of each service', () => {
  expect(backendDnsNames(['svc4'], '-cluster-ip', 'lab', 'example.com')).toEqual([
    'svc4-cluster-ip', 'svc4-cluster-ip.lab.svc', 'svc4-cluster-ip.lab.svc.cluster.local', 'svc4.example.com',
  ]);
});
