/**
 * Scale, in-process, public API only: N exposures, each a Deployment, a ClusterIP Service and
 * an Ingress for one host, built and synthesised to YAML (`app.synthYaml()`, no disk).
 *
 * - ours: AppDeployment + ClusterIpService + HttpIngress, in an ExposeApp;
 * - peer: the same objects from raw cdk8s-plus-27 (Deployment, Service, Ingress), synthesised
 *   the same way (an ExposeApp: cdk8s's App would validate the whole app once per chart, which
 *   at one chart per exposure is quadratic for both; that layout with App is shown apart, at
 *   N=300, target <= 1.3x the peer with App).
 *
 * Each sample is one fresh Node process (warmed up on N=100 of the same kind, then timing one
 * app: build + synth): in one long-lived process the peer's GC cost at N=3000 grew from run to
 * run (5.5, 7.9, 11.9 s), so samples in one process are not independent. Ours and the peer
 * alternate sample by sample, so load on the machine hits both alike; each row is the median of
 * `runs` samples.
 *
 *   node --expose-gc -r ./scripts/compile.js scripts/bench/scale.js ours|peer one|each N [app]
 *   prints one sample as JSON (app: cdk8s's App instead of ExposeApp).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppDeployment, ClusterIpService, ExposeApp, HttpIngress } from '../../constructs';
import { BenchRow, median } from './row';

/** Which constructs make the exposures. */
export enum Impl { OURS = 'ours', PEER = 'raw cdk8s-plus-27' }
/** Where the exposures go. */
export enum Layout { ONE_CHART = 'one chart', CHART_EACH = 'one chart per exposure' }

function exposeOurs(chart: Chart, i: number): void {
  const web = new AppDeployment(chart, `App${i}`, { image: 'nginx:1.27', containerPort: 80 });
  const svc = new ClusterIpService(chart, `Svc${i}`, { selector: web.labels, port: 80, targetPort: 80 });
  new HttpIngress(chart, `Ing${i}`, { host: `app${i}.example.com`, backend: { serviceName: svc.name, port: svc.port } });
}

function exposePeer(chart: Chart, i: number): void {
  const web = new kplus.Deployment(chart, `App${i}`, { containers: [{ image: 'nginx:1.27', portNumber: 80 }] });
  const svc = new kplus.Service(chart, `Svc${i}`, { selector: web, ports: [{ port: 80, targetPort: 80 }] });
  new kplus.Ingress(chart, `Ing${i}`, { rules: [{ host: `app${i}.example.com`, backend: kplus.IngressBackend.fromService(svc) }] });
}

/** Milliseconds to build N exposures and synthesise them to YAML; the YAML's length as a sanity check. */
export function timeOnce(impl: Impl, layout: Layout, n: number, makeApp: () => App = () => new ExposeApp()): { ms: number; bytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.(); // the previous sample's garbage is not this one's cost
  const expose = impl === Impl.OURS ? exposeOurs : exposePeer;
  const t0 = performance.now();
  const app = makeApp();
  let chart: Chart | undefined;
  for (let i = 0; i < n; i++) {
    if (!chart || layout === Layout.CHART_EACH) chart = new Chart(app, layout === Layout.CHART_EACH ? `exposure-${i}` : 'exposures');
    expose(chart, i);
  }
  const bytes = app.synthYaml().length;
  return { ms: performance.now() - t0, bytes };
}

const ROOT = path.join(__dirname, '..', '..');

/** One sample in a fresh process: milliseconds to build and synthesise N exposures. */
function sample(impl: Impl, layout: Layout, n: number, plainApp: boolean): number {
  const args = ['--expose-gc', '-r', path.join(ROOT, 'scripts', 'compile.js'), __filename,
    impl === Impl.OURS ? 'ours' : 'peer', layout === Layout.ONE_CHART ? 'one' : 'each', String(n), ...(plainApp ? ['app'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf-8' });
  if (r.status !== 0) throw new Error(`scale sample ${args.slice(3).join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout).ms;
}

/** Medians of ours and the peer, sampled alternately (who goes first alternates too). */
export function pair(layout: Layout, n: number, runs: number, plainApp = false): { ours: number; peer: number } {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? [Impl.OURS, Impl.PEER] : [Impl.PEER, Impl.OURS];
    for (const impl of order) (impl === Impl.OURS ? ours : peer).push(sample(impl, layout, n, plainApp));
  }
  return { ours: median(ours), peer: median(peer) };
}

/** The sizes the benchmark prints. */
export const SIZES = [100, 300, 1000, 3000];

/** Every scale row: ours beside the peer at each N and layout, then the three targets. */
export function scaleRows(runs: number, log: (line: string) => void = () => undefined): BenchRow[] {
  const rows: BenchRow[] = [];
  const at = new Map<string, { ours: number; peer: number }>();
  for (const n of SIZES) {
    for (const layout of [Layout.ONE_CHART, Layout.CHART_EACH]) {
      const m = pair(layout, n, runs);
      at.set(`${layout}/${n}`, m);
      log(`  N=${n}, ${layout}: ours ${m.ours.toFixed(0)} ms, peer ${m.peer.toFixed(0)} ms`);
      const target = n === 3000 && layout === Layout.ONE_CHART ? 0.7 : undefined;
      rows.push({ what: `N=${n} exposures, ${layout}, in-process`, oursMs: m.ours, floorName: `${Impl.PEER}, same N`, floorMs: m.peer, target });
    }
  }
  const one = (n: number) => at.get(`${Layout.ONE_CHART}/${n}`)!;
  const each = (n: number) => at.get(`${Layout.CHART_EACH}/${n}`)!;
  rows.push({ what: 'growth t(3000)/t(1000), ours, one chart', oursMs: one(3000).ours, floorName: 'ours at N=1000', floorMs: one(1000).ours, target: 3.3 });
  rows.push({ what: 'growth t(3000)/t(1000), peer, one chart', oursMs: one(3000).peer, floorName: 'peer at N=1000', floorMs: one(1000).peer });
  rows.push({ what: 'one chart per exposure vs one chart, ours, N=1000', oursMs: each(1000).ours, floorName: 'ours, one chart, N=1000', floorMs: one(1000).ours, target: 2 });

  // cdk8s's own App: Chart.toJson() prepares and validates the whole app again for every chart
  // (quadratic for both); the app-wide checks run once per synth (constructs/app-checks/synth-memo.ts)
  const plain = pair(Layout.CHART_EACH, 300, runs, true);
  log(`  N=300, one chart per exposure, cdk8s App: ours ${plain.ours.toFixed(0)} ms, peer ${plain.peer.toFixed(0)} ms`);
  rows.push({ what: 'N=300, one chart per exposure, cdk8s App (validates per chart)', oursMs: plain.ours, floorName: `${Impl.PEER}, cdk8s App`, floorMs: plain.peer, target: 1.3 });
  rows.push({ what: 'cdk8s App vs ExposeApp, ours, N=300, one chart per exposure', oursMs: plain.ours, floorName: 'ExposeApp', floorMs: each(300).ours });
  return rows;
}

if (require.main === module) {
  const [impl, layout, n, app] = process.argv.slice(2);
  const kind = impl === 'ours' ? Impl.OURS : Impl.PEER;
  const where = layout === 'one' ? Layout.ONE_CHART : Layout.CHART_EACH;
  const makeApp = app === 'app' ? () => new App() : undefined;
  timeOnce(kind, where, 100, makeApp); // warm-up: module loading, JIT
  process.stdout.write(JSON.stringify(timeOnce(kind, where, Number(n), makeApp)));
}
