/**
 * cdk8s's own App validates the whole app once per chart in every synth; the app-wide checks run
 * once per synth (constructs/app-checks/synth-memo.ts), and a change between two synths of the
 * same app is still seen.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { AppDeployment, CrossObjectChecks, ExposeApp, HttpIngress, NodePortService } from '../../constructs';
import { phaseOfStack, SynthPhase } from '../../constructs/app-checks/synth-memo';

/** An app of `n` charts, each a Deployment behind a NodePortService (nodePort 30000 + i) and an Ingress. */
function appOf(n: number, app: App = new App()): { app: App; services: NodePortService[] } {
  const services: NodePortService[] = [];
  for (let i = 0; i < n; i++) {
    const chart = new Chart(app, `exposure-${i}`, { namespace: `ns${i}` });
    const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
    const svc = new NodePortService(chart, 'Svc', { selector: web.labels, port: 80, nodePort: 30000 + i });
    new HttpIngress(chart, 'Ing', { host: `app${i}.example.com`, backend: { serviceName: svc.name, port: svc.port } });
    services.push(svc);
  }
  return { app, services };
}

/** How many times the checks ran during `f`. */
function runsDuring(f: () => void): number {
  const spy = jest.spyOn(CrossObjectChecks.prototype, 'run');
  try {
    f();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

test('App.synthYaml() and App.synth() with 5 charts run the checks once each, not once per chart', () => {
  const { app } = appOf(5);
  expect(runsDuring(() => app.synthYaml())).toBe(1);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-memo-'));
  try {
    const onDisk = new App({ outdir });
    appOf(5, onDisk);
    expect(runsDuring(() => onDisk.synth())).toBe(1);
    expect(fs.readdirSync(outdir)).toHaveLength(5);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('a change of an object between two synths of the same App is seen (the tree unchanged)', () => {
  const { app, services } = appOf(3);
  expect(() => app.synthYaml()).not.toThrow();
  // the third Service now takes the first one's nodePort: only its rendering changed
  ApiObject.of(services[2]).addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 30000));
  expect(() => app.synthYaml()).toThrow(/\[exposure-2\/Svc\] spec\.ports\[0\]\.nodePort: 30000 is also used by exposure-0\/Svc/);
  // and a construct added between two synths
  const { app: other } = appOf(2);
  expect(() => other.synthYaml()).not.toThrow();
  new NodePortService(new Chart(other, 'late'), 'Svc', { selector: { app: 'x' }, port: 80, nodePort: 30001 });
  expect(() => other.synthYaml()).toThrow(/nodePort: 30001 is also used by/);
});

test('a fact attached between two synths is seen (declareExternalSecret, no new construct)', () => {
  const app = new App();
  const chart = new Chart(app, 'c');
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
  new NodePortService(chart, 'Svc', { selector: web.labels, port: 80, nodePort: 30080 });
  new ApiObject(chart, 'Pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'tls', secret: { secretName: 'outside' } }] },
  });
  expect(() => app.synthYaml()).toThrow(/\[c\/Pod\] spec\.volumes\[0\]\.secret\.secretName: Secret "outside"/);
  CrossObjectChecks.declareExternalSecret(chart, 'outside');
  expect(runsDuring(() => app.synthYaml())).toBe(1);
});

test('outside an App synth the checks run every time: Testing.synth, chart.toJson(), ExposeApp', () => {
  const { app } = appOf(2, Testing.app());
  const chart = app.node.findChild('exposure-0') as Chart;
  expect(runsDuring(() => {
    Testing.synth(chart);
    chart.toJson();
  })).toBe(2);
  const { app: exposeApp } = appOf(3, new ExposeApp());
  expect(runsDuring(() => exposeApp.synthYaml())).toBe(1);
});

describe('phaseOfStack', () => {
  const frame = (method: string, file = '/p/node_modules/cdk8s/lib/app.js') => `    at ${method} (${file}:1:2)`;
  const ours = '    at Object.validate (/p/node_modules/cdk8s-expose/lib/constructs/app-checks/cross-object-checks.js:9:9)';
  const node = '    at Node.validate (/p/node_modules/constructs/lib/construct.js:413:42)';

  test('App.synth or synthYaml validating first: the start of a synth', () => {
    for (const m of ['App.synth', 'MyApp.synth', 'App.synthYaml']) {
      expect(phaseOfStack(['Error', ours, node, frame('validate'), frame(m), '    at main (/p/main.js:1:1)'].join('\n'))).toBe(SynthPhase.APP_SYNTH_START);
    }
  });

  test('a chart rendered inside App.synth: reuse', () => {
    const stack = ['Error', ours, node, frame('validate'), frame('App._synthChart'), frame('Chart.toJson', '/p/node_modules/cdk8s/lib/chart.js'), frame('MyApp.synth')];
    expect(phaseOfStack(stack.join('\n'))).toBe(SynthPhase.CHART_IN_APP_SYNTH);
    // Windows paths, and cdk8s's TypeScript sources where source maps are applied (node --enable-source-maps, jest)
    expect(phaseOfStack(stack.map(l => l.replace(/\//g, '\\')).join('\n'))).toBe(SynthPhase.CHART_IN_APP_SYNTH);
    const mapped = stack.map(l => l.replace('lib/app.js', 'src/app.ts').replace('App._synthChart', 'Function._synthChart'));
    expect(phaseOfStack(mapped.join('\n'))).toBe(SynthPhase.CHART_IN_APP_SYNTH);
  });

  test('anything else: compute', () => {
    const testing = ['Error', ours, node, frame('validate'), frame('App._synthChart'), frame('Chart.toJson', '/p/node_modules/cdk8s/lib/chart.js'), frame('Testing.synth', '/p/node_modules/cdk8s/lib/testing.js')];
    expect(phaseOfStack(testing.join('\n'))).toBe(SynthPhase.OTHER);
    // a user's synthYaml that renders the charts itself
    const own = ['Error', ours, node, frame('validate'), frame('App._synthChart'), frame('Chart.toJson', '/p/node_modules/cdk8s/lib/chart.js'), frame('MyApp.synthYaml', '/p/main.js')];
    expect(phaseOfStack(own.join('\n'))).toBe(SynthPhase.OTHER);
    expect(phaseOfStack(['Error', ours, node, '    at validateApp (/p/expose-app.js:1:1)'].join('\n'))).toBe(SynthPhase.OTHER);
    expect(phaseOfStack('')).toBe(SynthPhase.OTHER);
  });
});
