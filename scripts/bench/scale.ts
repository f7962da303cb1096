/**
 * Scale, in-process, public API only: N exposures, each a Deployment, a ClusterIP Service and
 * an Ingress for one host, built and synthesised to YAML (`app.synthYaml()`, no disk).
 *
 * - ours: AppDeployment + ClusterIpService + HttpIngress, in an ExposeApp;
 * - peer: the same objects from raw cdk8s-plus-27 (Deployment, Service, Ingress), synthesised
 *   the same way (an ExposeApp: cdk8s's App would validate the whole app once per chart, which
 *   at one chart per exposure is quadratic for both; that cost is shown apart, at N=100).
 *
 * Each sample times one fresh app (build + synth); ours and the peer alternate sample by sample,
 * so load on the machine hits both alike, and each row is the median of `runs` samples.
 */
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

/** Medians of ours and the peer, sampled alternately. */
export function pair(layout: Layout, n: number, runs: number, makeApp?: () => App): { ours: number; peer: number } {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let r = 0; r < runs; r++) {
    // alternate who goes first, so neither always runs on the other's leftovers
    const order = r % 2 === 0 ? [Impl.OURS, Impl.PEER] : [Impl.PEER, Impl.OURS];
    for (const impl of order) (impl === Impl.OURS ? ours : peer).push(timeOnce(impl, layout, n, makeApp).ms);
  }
  return { ours: median(ours), peer: median(peer) };
}

/** The sizes the benchmark prints. */
export const SIZES = [100, 300, 1000, 3000];

/** Every scale row: ours beside the peer at each N and layout, then the three targets. */
export function scaleRows(runs: number, log: (line: string) => void = () => undefined): BenchRow[] {
  for (const impl of [Impl.OURS, Impl.PEER]) for (const layout of [Layout.ONE_CHART, Layout.CHART_EACH]) timeOnce(impl, layout, 100); // warm-up
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
  const plain = pair(Layout.CHART_EACH, 100, runs, () => new App());
  log(`  N=100, one chart per exposure, cdk8s App: ours ${plain.ours.toFixed(0)} ms, peer ${plain.peer.toFixed(0)} ms`);
  rows.push({ what: 'N=100, one chart per exposure, cdk8s App (validates per chart)', oursMs: plain.ours, floorName: `${Impl.PEER}, cdk8s App`, floorMs: plain.peer });
  rows.push({ what: 'cdk8s App vs ExposeApp, ours, N=100, one chart per exposure', oursMs: plain.ours, floorName: 'ExposeApp', floorMs: each(100).ours });
  return rows;
}
