/**
 * `npm run lab:up`: brings the whole lab up on the cluster of kubectl's current context, in
 * stages with real waits (lab/stages.ts derives them from the charts):
 *
 *   cert-manager (pinned release manifest; skipped when its CRD exists) -> its Deployments rolled
 *   out and its webhook's caBundle set -> the ingress-nginx controller, its DaemonSet and default
 *   backend rolled out and its admission webhook's caBundle set (the certgen Jobs) -> the lab's
 *   namespace -> the lab CA and its Certificates Ready -> each section and experiment, their
 *   Certificates Ready and workloads rolled out.
 *
 * With `--flavour gateway` (the lab as Gateway API, dist-gateway/): cert-manager -> Envoy Gateway's
 * release manifest (server-side; skipped when its CRD exists), its controller rolled out -> the
 * GatewayClass Accepted -> the namespace -> trust-manager with Helm (`helm` on PATH; its trust
 * namespace the lab's; skipped when its CRD exists) -> the charts, the lab CA's Bundle Synced ->
 * the Gateway Programmed, last.
 *
 * Idempotent: everything is `kubectl apply` (or `helm upgrade --install`); a second run re-applies
 * (unchanged) and waits again.
 *
 *   npm run lab:up -- [--flavour ingress-nginx|gateway] [--timeout 300] [--config overrides.json] [--dir dist]
 *     --flavour  ingress-nginx (default, dist/) or gateway (Gateway API on Envoy Gateway, dist-gateway/)
 *     --timeout  seconds each wait may take (default 300)
 *     --config   a JSON file of lab/config.ts fields to override
 *     --section  one section of the seed (9.1 ... 9.4, exp1 ... exp7) and what it needs (scripts/lab/section.ts)
 *     --dir      apply these manifests (e.g. dist after npm run synth, dist-gateway after npm run synth:gateway)
 *                instead of synthesising lab/config.ts
 * Exit: 0 up, 1 a stage failed (the message names the object and the wait), 2 bad usage.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { EXIT_FAILED, firstLine, flavourOf, LabIo, loadConfig, main, manifests, run, Run, seconds } from './common';
import { Stage, upStages, Wait } from '../../lab/stages';
import { SECTION_OPTION, selectUpStages } from './section';

const RETRYABLE = /failed calling webhook|no endpoints available|connection refused|no matches for kind|ensure CRDs are installed/i;

class StageFailed extends Error {}

function kubectl(io: LabIo, args: string[], timeoutSeconds: number): Run {
  return run(io, 'kubectl', args, timeoutSeconds);
}

const where = (w: { namespace?: string }) => (w.namespace ? ` in namespace ${w.namespace}` : '');

function waitFor(io: LabIo, w: Wait, timeout: number): void {
  io.out(`  waiting up to ${timeout}s for ${w.object}${where(w)} to have ${w.condition === 'a non-empty caBundle' ? w.condition : `condition ${w.condition}`}\n`);
  const ns = w.namespace ? ['-n', w.namespace] : [];
  const started = io.now();
  const grace = Math.min(30, timeout);
  let r: Run;
  if (w.how === 'rollout') {
    r = kubectl(io, [...ns, 'rollout', 'status', w.object, `--timeout=${timeout}s`], timeout + grace);
  } else if (w.how === 'wait') {
    r = kubectl(io, [...ns, 'wait', `--for=${w.for}`, w.object, `--timeout=${timeout}s`], timeout + grace);
  } else {
    const interval = Math.min(2000, (timeout * 1000) / 5);
    for (;;) {
      r = kubectl(io, [...ns, 'get', w.object, '-o', 'jsonpath={.webhooks[*].clientConfig.caBundle}'], Math.max(5, timeout));
      if (r.code === 0 && r.stdout.trim().length > 0) break;
      if (r.timedOut || io.now() - started + interval > timeout * 1000) {
        r = { ...r, code: r.code === 0 ? 1 : r.code };
        break;
      }
      io.sleep(interval);
    }
  }
  if (r.code !== 0) {
    const why = r.timedOut ? `kubectl did not return within ${timeout + grace}s` : firstLine(r) || `kubectl exited with ${r.code}`;
    throw new StageFailed(`${w.object}${where(w)} did not reach ${w.condition} within ${timeout}s (${why})`);
  }
  io.out(`  ok: ${w.object} ${w.condition} after ${((io.now() - started) / 1000).toFixed(1)}s\n`);
}

/** kubectl apply, retried while a just-installed webhook or CRD is not served yet. */
function apply(io: LabIo, stage: Stage, file: string, namespace: string, timeout: number): void {
  const args = [...(stage.namespaced ? ['-n', namespace] : []), 'apply', '-f', file, ...(stage.serverSide ? ['--server-side'] : [])];
  const started = io.now();
  const interval = Math.min(5000, (timeout * 1000) / 5);
  for (;;) {
    const r = kubectl(io, args, Math.max(10, timeout));
    if (r.code === 0) return;
    const retry = !r.timedOut && RETRYABLE.test(r.stderr) && io.now() - started + interval <= timeout * 1000;
    if (!retry) {
      const why = r.timedOut ? `kubectl did not return within ${Math.max(10, timeout)}s` : firstLine(r);
      throw new StageFailed(`kubectl apply -f ${file} failed: ${why}`);
    }
    io.out(`  not accepted yet (${firstLine(r)}); retrying in ${interval / 1000}s\n`);
    io.sleep(interval);
  }
}

/** `helm upgrade --install ... --wait`: the chart's objects ready, or why not. */
function helmInstall(io: LabIo, args: string[], timeout: number): void {
  const r = run(io, 'helm', [...args, '--wait', '--timeout', `${timeout}s`], timeout + Math.min(30, timeout));
  if (r.code !== 0) {
    const why = r.timedOut ? `helm did not return within ${timeout + Math.min(30, timeout)}s` : firstLine(r) || `helm exited with ${r.code}`;
    throw new StageFailed(`helm ${args.slice(0, 3).join(' ')} failed: ${why}`);
  }
}

/** `lab:up` with these arguments: 0 up, 1 a stage failed; throws a UsageError on bad usage. */
export function labUp(argv: string[], io: LabIo): number {
  const { values } = parseArgs({
    args: argv, options: { timeout: { type: 'string' }, config: { type: 'string' }, dir: { type: 'string' }, flavour: { type: 'string' }, ...SECTION_OPTION },
  });
  const timeout = seconds('--timeout', values.timeout, 300);
  const flavour = flavourOf(values.flavour);
  const config = loadConfig(values.config);
  const m = manifests(config, values.dir, flavour);
  try {
    const stages = selectUpStages(values.section, m.charts, charts => upStages(config, charts));
    io.out(`lab:up: ${stages.length} stages into namespace ${config.namespace} (kubectl's current context)\n`);
    const version = kubectl(io, ['version', '-o', 'json'], 30);
    if (version.code !== 0) throw new StageFailed(`no cluster: kubectl version failed: ${firstLine(version)}`);
    let server = 'unknown';
    try {
      server = JSON.parse(version.stdout).serverVersion?.gitVersion ?? server;
    } catch { /* kept unknown */ }
    io.out(`  cluster: Kubernetes ${server}\n`);
    stages.forEach((stage, i) => {
      io.out(`\n== stage ${i + 1}/${stages.length}: ${stage.name}\n`);
      try {
        if (stage.skipIfCrd) {
          const crd = kubectl(io, ['get', 'crd', stage.skipIfCrd, '-o', 'name'], Math.max(10, timeout));
          if (crd.code === 0) io.out(`  already installed (crd ${stage.skipIfCrd} exists): not ${stage.helm ? 'installing' : 'applying'} ${stage.apply}\n`);
          else if (stage.helm) helmInstall(io, stage.helm, timeout);
          else apply(io, stage, stage.apply, config.namespace, timeout);
        } else {
          apply(io, stage, path.join(m.dir, stage.apply), config.namespace, timeout);
        }
        for (const w of stage.waits) waitFor(io, w, timeout);
      } catch (e) {
        if (e instanceof StageFailed) throw new StageFailed(`stage "${stage.name}": ${e.message}`);
        throw e;
      }
    });
    const verify = values.flavour === 'gateway' ? 'npm run lab:verify -- --flavour gateway --node <a node\'s IP>' : 'npm run lab:verify -- --node <a node\'s IP>';
    io.out(`\nlab:up: done. Check it from a client: ${verify}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof StageFailed)) throw e;
    io.err(`lab:up: FAILED: ${e.message}\n`);
    return EXIT_FAILED;
  } finally {
    m.cleanup();
  }
}

if (require.main === module) main('lab:up', labUp);
