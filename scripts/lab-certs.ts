/**
 * `npm run lab:certs`: the replacement for the seed's `bootstrap_keys.sh`. The command line of
 * lab/pki.ts's generateLabCertificates (what it writes and when it keeps files: see there).
 *
 *   npm run lab:certs -- [--domain <lab/config.ts domain>] [--out .lab-certs] [--namespace <lab/config.ts namespace>]
 *                        [--services svc2,svc4,svc5] [--service-suffix -cluster-ip] [--force]
 *                        [--allow-dist]
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { generateLabCertificates } from '../lab/pki';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'domain': { type: 'string' },
      'out': { type: 'string' },
      'namespace': { type: 'string' },
      'services': { type: 'string' },
      'service-suffix': { type: 'string' },
      'force': { type: 'boolean' },
      'allow-dist': { type: 'boolean' },
    },
  });
  const started = process.hrtime.bigint();
  const result = await generateLabCertificates({
    domain: values.domain ?? process.env.LAB_DOMAIN,
    outDir: values.out,
    namespace: values.namespace,
    services: values.services?.split(',').map(s => s.trim()).filter(s => s.length > 0),
    serviceSuffix: values['service-suffix'],
    force: values.force,
    allowDist: values['allow-dist'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rel = (f: string): string => path.relative(process.cwd(), f) || f;
  for (const f of result.files) process.stdout.write(`${f.action.padEnd(5)} ${rel(f.file)}\n`);
  process.stdout.write(`backend.crt  names: ${result.backendDnsNames.join(', ')}\n`);
  process.stdout.write(`wildcard.crt names: ${result.wildcardDnsNames.join(', ')}\n`);
  process.stdout.write(`done in ${ms.toFixed(0)} ms. Verify: openssl verify -CAfile ${rel(path.join(result.outDir, 'ca.crt'))} ` +
    `${rel(path.join(result.outDir, 'wildcard.crt'))}\n`);
  process.stdout.write('These are private keys: keep them out of git and out of dist/.\n');
}

if (require.main === module) {
  main().catch(e => {
    process.stderr.write(`lab-certs: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
