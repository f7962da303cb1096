/** Test PKI: certificates generated at test time into temp dirs (no PEM is committed). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createCertificateAuthority, issueCertificate, IssueOptions, PemPair } from '../../lab/pki';

/** The PKI functions, for tests that build chains (intermediates, unrelated CAs). */
export { createCertificateAuthority, issueCertificate };

export const DAY = 86_400_000;

/** A fresh temp dir; remove it with `removeTempDir`. */
export function tempDir(prefix = 'cdk8s-expose-tls-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a pair as `<base>.crt` / `<base>.key` and returns the paths. */
export function writePair(dir: string, base: string, pair: PemPair, chain: PemPair[] = []): { cert: string; key: string } {
  const cert = path.join(dir, `${base}.crt`);
  const key = path.join(dir, `${base}.key`);
  fs.writeFileSync(cert, [pair.certPem, ...chain.map(c => c.certPem)].join(''));
  fs.writeFileSync(key, pair.keyPem, { mode: 0o600 });
  return { cert, key };
}

/** A CA and a helper to issue leaf certificates from it into `dir`. */
export async function testPki(dir: string): Promise<{
  ca: PemPair;
  caPath: string;
  issue: (base: string, options: Partial<IssueOptions> & { dnsNames: string[] }) => Promise<{ cert: string; key: string; pair: PemPair }>;
}> {
  const ca = await createCertificateAuthority({ commonName: 'test CA' });
  const caPath = path.join(dir, 'ca.crt');
  fs.writeFileSync(caPath, ca.certPem);
  return {
    ca,
    caPath,
    issue: async (base, options) => {
      const pair = await issueCertificate(ca, { commonName: options.dnsNames[0] ?? base, ...options });
      return { ...writePair(dir, base, pair), pair };
    },
  };
}
