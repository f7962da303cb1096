/**
 * `npm run lab:down`: removes what `npm run lab:up` created, in reverse: each experiment and
 * section (with the Secrets cert-manager wrote for their Certificates, which deleting a
 * Certificate leaves behind), the lab CA, the lab's namespace, the ingress-nginx controller.
 * cert-manager stays unless `--cert-manager` is given (other workloads may use it).
 *
 *   npm run lab:down -- [--cert-manager] [--timeout 300] [--config overrides.json] [--dir dist]
 * Exit: 0 removed (or already absent), 1 a deletion failed or timed out, 2 bad usage.
 */
import { parseArgs } from 'util';
import { EXIT_FAILED, firstLine, loadConfig, main, manifests, run, seconds } from './common';
import { downSteps } from '../../lab/stages';

main('lab:down', () => {
  const { values } = parseArgs({
    options: { 'timeout': { type: 'string' }, 'config': { type: 'string' }, 'dir': { type: 'string' }, 'cert-manager': { type: 'boolean' } },
  });
  const timeout = seconds('--timeout', values.timeout, 300);
  const config = loadConfig(values.config);
  const m = manifests(config, values.dir);
  try {
    const steps = downSteps(config, m.charts, m.dir, values['cert-manager'] === true);
    process.stdout.write(`lab:down: ${steps.length} steps in namespace ${config.namespace} (kubectl's current context)\n`);
    const failures: string[] = [];
    steps.forEach((step, i) => {
      process.stdout.write(`\n== step ${i + 1}/${steps.length}: delete ${step.name} (waiting up to ${timeout}s)\n`);
      const r = run('kubectl', [...step.args, '--wait=true', `--timeout=${timeout}s`], timeout + Math.min(30, timeout));
      if (r.code !== 0) {
        const why = r.timedOut ? `kubectl did not return within ${timeout + Math.min(30, timeout)}s` : firstLine(r);
        failures.push(`${step.name}: ${why}`);
        process.stdout.write(`  FAILED: ${why}\n`);
      }
    });
    if (failures.length > 0) {
      process.stderr.write(`lab:down: FAILED to remove ${failures.length} of ${steps.length}:\n${failures.map(f => `  - ${f}`).join('\n')}\n`);
      return EXIT_FAILED;
    }
    process.stdout.write(`\nlab:down: done${values['cert-manager'] ? '' : ' (cert-manager left installed; --cert-manager removes it)'}\n`);
    return 0;
  } finally {
    m.cleanup();
  }
});
