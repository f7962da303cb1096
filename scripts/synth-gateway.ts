/**
 * `npm run synth:gateway`: the lab's Gateway API flavour (lab/gateway-app.ts) into dist-gateway/,
 * through the same safe steps as `npm run synth` (scripts/synth.ts) but apart from it, so that
 * `npm run synth` stays as fast as it is: built and synthesised in this process into a per-run
 * directory, every object validated strictly as rendered against Kubernetes 1.36 only (Gateway API
 * v1.6 needs 1.31 or later) with the CRDs of schemas/crds/ (cert-manager, Gateway API v1.6.1
 * standard) and trust-manager's Bundle CRD (lab/crds/), and only then swapped in atomically. On
 * any failure dist-gateway/ is left as it was: exit 1 for a failed synth, 2 for violations.
 *
 * Usage: node -r ./scripts/compile.js scripts/synth-gateway.js [--out <dir>]
 */
import * as fs from 'fs';
import * as path from 'path';
import { cleanupDeadRuns, perRunDir, recoverInterruptedSwap, replaceDirAtomically } from '../validation-plugin/src/atomic-dir';
import { formatViolations, getSchemaValidator, selectCrdFiles, warningsOf } from '../validation-plugin/src/schema-validator';
import { synthInProcess } from './synth/in-process';

const ROOT = path.resolve(__dirname, '..');
/** The app entry of the Gateway API flavour: its JavaScript when this script runs compiled (scripts/compile.js). */
export const GATEWAY_ENTRY = path.join(ROOT, 'lab', `gateway-app${path.extname(__filename)}`);
/** Kubernetes versions dist-gateway/ is validated against. */
export const GATEWAY_KUBERNETES_VERSIONS = ['v1.36.0'];

/**
 * The CRD releases the lab's cluster runs: the gateway flavour needs Kubernetes 1.33+, where lab:up
 * installs cert-manager v1.21.1 (lab/versions.ts, not imported here: a test keeps the two equal).
 */
export const LAB_CRD_RELEASES = { 'cert-manager': 'v1.21.1' };

/** The CRD files dist-gateway/ is validated against: schemas/crds/*.yaml (the lab's releases) and lab/crds/*.yaml, absolute. */
export function gatewayCrdFiles(root = ROOT): string[] {
  return [...selectCrdFiles(path.join(root, 'schemas', 'crds'), LAB_CRD_RELEASES), ...selectCrdFiles(path.join(root, 'lab', 'crds'))];
}

const log = (msg: string) => process.stderr.write(`synth:gateway: ${msg}\n`);
const rel = (p: string) => path.relative(process.cwd(), p) || '.';

function main(argv: string[]): number {
  let out = path.join(ROOT, 'dist-gateway');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1] !== undefined) out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: synth-gateway.ts [--out <dir>])`);
  }
  const t0 = performance.now();
  const recovered = recoverInterruptedSwap(out);
  if (recovered) log(`restored ${rel(out)}/ from ${rel(recovered)} (an earlier swap was interrupted)`);
  for (const p of cleanupDeadRuns(out)) log(`removed ${rel(p)}/, left by a run that no longer exists`);
  const tmp = perRunDir(out);
  try {
    let result: ReturnType<typeof synthInProcess>;
    try {
      result = synthInProcess(GATEWAY_ENTRY, tmp);
    } catch (e) {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      log(`FAILED: the app threw: ${(e as Error).message.split('\n')[0]}; ${rel(out)}/ untouched`);
      return 1;
    }
    if (result.files.length === 0) {
      log(`FAILED: the app wrote no manifest; ${rel(out)}/ untouched`);
      return 1;
    }
    const validator = getSchemaValidator({ kubernetesVersions: GATEWAY_KUBERNETES_VERSIONS, crdFiles: gatewayCrdFiles() });
    const violations = [...result.parseErrors, ...validator.validate(result.objects)];
    if (violations.length > 0) {
      process.stderr.write(`${formatViolations(violations, path.dirname(tmp))}\n`);
      log(`FAILED: ${violations.length} schema violation(s) against Kubernetes ${GATEWAY_KUBERNETES_VERSIONS.join(', ')}; ${rel(out)}/ untouched`);
      return 2;
    }
    log(`validated ${result.objects.length} objects in ${result.files.length} files against Kubernetes ${GATEWAY_KUBERNETES_VERSIONS.join(', ')} and ${gatewayCrdFiles().length} CRD files`);
    const warnings = warningsOf(validator, result.objects);
    if (warnings.length > 0) process.stderr.write(`${formatViolations(warnings, tmp)}\n`);
    replaceDirAtomically(tmp, out);
    log(`${rel(out)}/ replaced atomically (${result.files.length} files) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    log(`FAILED: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
}
