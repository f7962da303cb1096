/**
 * `npm run lab:down`: removes what `npm run lab:up` created, in reverse: each experiment and
 * section (with the Secrets cert-manager wrote for their Certificates, which deleting a
 * Certificate leaves behind), the lab CA, the lab's namespace, the ingress-nginx controller.
 * cert-manager stays unless `--cert-manager` is given (other workloads may use it). With
 * `--flavour gateway`: the GatewayClass instead of the controller; Envoy Gateway stays unless
 * `--envoy-gateway` is given, trust-manager (Helm) goes with `--cert-manager`. The releases removed are
 * those lab:up chose for the cluster's Kubernetes version (lab/versions.ts), read with kubectl version.
 *
 *   npm run lab:down -- [--flavour ingress-nginx|gateway] [--cert-manager] [--envoy-gateway] [--timeout 300] [--config overrides.json] [--dir dist]
 * `--section <id>` (9.1 ... 9.4, exp1 ... exp7) removes that section's own charts only (scripts/lab/section.ts).
 * Exit: 0 removed (or already absent), 1 a deletion failed or timed out, 2 bad usage.
 */
import { parseArgs } from 'util';
import { EXIT_FAILED, firstLine, flavourOf, LabIo, loadConfig, main, manifests, run, seconds } from './common';
import { mirrorSteps } from '../../lab/mirror';
import { downSteps } from '../../lab/stages';
import { clusterReleases } from './plan';
import { SECTION_OPTION, selectDownCharts } from './section';

/** `lab:down` with these arguments: 0 removed, 1 a deletion failed; throws a UsageError on bad usage. */
export function labDown(argv: string[], io: LabIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'timeout': { type: 'string' }, 'config': { type: 'string' }, 'dir': { type: 'string' }, 'cert-manager': { type: 'boolean' },
      'flavour': { type: 'string' }, 'envoy-gateway': { type: 'boolean' }, ...SECTION_OPTION,
    },
  });
  const timeout = seconds('--timeout', values.timeout, 300);
  const flavour = flavourOf(values.flavour);
  const config = loadConfig(values.config);
  const m = manifests(config, values.dir, flavour);
  try {
    // the releases lab:up chose for this cluster's version, when they are to be removed
    const releases = values['cert-manager'] || values['envoy-gateway'] ? clusterReleases(io, flavour) : undefined;
    const steps = mirrorSteps(downSteps(config, selectDownCharts(values.section, m.charts), m.dir, values['cert-manager'] === true,
      values['envoy-gateway'] === true, releases), config.mirror);
    io.out(`lab:down: ${steps.length} steps in namespace ${config.namespace} (kubectl's current context)\n`);
    const failures: string[] = [];
    steps.forEach((step, i) => {
      io.out(`\n== step ${i + 1}/${steps.length}: delete ${step.name} (waiting up to ${timeout}s)\n`);
      const tool = step.tool ?? 'kubectl';
      const wait = tool === 'helm' ? ['--wait', '--timeout', `${timeout}s`] : ['--wait=true', `--timeout=${timeout}s`];
      const r = run(io, tool, [...step.args, ...wait], timeout + Math.min(30, timeout));
      if (r.code !== 0) {
        const why = r.timedOut ? `${tool} did not return within ${timeout + Math.min(30, timeout)}s` : firstLine(r);
        failures.push(`${step.name}: ${why}`);
        io.out(`  FAILED: ${why}\n`);
      }
    });
    if (failures.length > 0) {
      io.err(`lab:down: FAILED to remove ${failures.length} of ${steps.length}:\n${failures.map(f => `  - ${f}`).join('\n')}\n`);
      return EXIT_FAILED;
    }
    io.out(`\nlab:down: done${values['cert-manager'] ? '' : ' (cert-manager left installed; --cert-manager removes it)'}\n`);
    return 0;
  } finally {
    m.cleanup();
  }
}

if (require.main === module) main('lab:down', labDown);
