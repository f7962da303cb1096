/**
 * ExposeApp writes exactly what cdk8s's App writes (every YamlOutputType, the same bytes, the same
 * errors and warnings), while running the app-wide checks once per synth instead of 1 + charts times.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AppDeployment, ClusterIpService, CrossObjectChecks, ExposeApp, HostPortPod, HttpIngress, NodePortService, Warnings,
} from '../../constructs';
import { buildLab, LAB_CONFIG } from '../../lab';

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-app-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Charts that depend on each other (nested, and through construct dependencies), with raw objects among ours. */
function manyCharts(app: App): void {
  const base = new Chart(app, 'base');
  const web = new AppDeployment(base, 'Web', { image: 'nginx:1.27', containerPort: 80 });
  const front = new Chart(app, 'front');
  const svc = new ClusterIpService(front, 'WebSvc', { selector: web.labels, port: 80 });
  new HttpIngress(front, 'WebIngress', { host: 'web.example.com', backend: { serviceName: svc.name, port: svc.port } });
  front.addDependency(base);
  const nested = new Chart(front, 'nested');
  new k8s.KubeConfigMap(nested, 'Cfg', { metadata: { name: 'cfg' }, data: { a: 'b' } });
  for (let i = 0; i < 5; i++) {
    const c = new Chart(app, `per-${i}`);
    const d = new AppDeployment(c, 'App', { image: 'nginx:1.27', containerPort: 80, name: `app-${i}` });
    const s = new NodePortService(c, 'Svc', { selector: d.labels, port: 80, name: `svc-${i}` });
    s.node.addDependency(d);
  }
  const last = new Chart(app, 'orphans');
  new ClusterIpService(last, 'Orphan', { selector: { app: 'nobody' }, port: 80 });
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const full = path.join(e.parentPath ?? (e as any).path, e.name);
      out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}

function written(kind: 'App' | 'ExposeApp', build: (app: App) => void, props: AppProps): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(tmp, `${kind}-`));
  const app = kind === 'App' ? new App({ ...props, outdir }) : new ExposeApp({ ...props, outdir });
  build(app);
  app.synth();
  return filesUnder(outdir);
}

const OUTPUTS = [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE,
  YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE];

const sameYaml = (build: (app: App) => void) => {
  const plain = new App({ outdir: tmp });
  build(plain);
  const ours = new ExposeApp({ outdir: tmp });
  build(ours);
  expect(ours.synthYaml()).toBe(plain.synthYaml());
};

describe('charts that depend on each other', () => {
  test.each(OUTPUTS.map(t => [YamlOutputType[t], t] as const))('synth() writes the same files as App (%s)', (_t, yamlOutputType) => {
    const expected = written('App', manyCharts, { yamlOutputType, recordConstructMetadata: true });
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(written('ExposeApp', manyCharts, { yamlOutputType, recordConstructMetadata: true })).toEqual(expected);
  });

  test('synthYaml() returns the same YAML as App', () => sameYaml(manyCharts));
});

test('the lab: synthYaml() returns the same YAML as App', () => sameYaml(app => { buildLab(app, LAB_CONFIG); }));

test('a synth runs the app-wide checks once, whatever the number of charts', () => {
  const counted = (app: App) => {
    manyCharts(app);
    const checks = CrossObjectChecks.of(app);
    const run = jest.spyOn(checks, 'run');
    app.synthYaml();
    app.synth();
    return run.mock.calls.length;
  };
  expect(counted(new ExposeApp({ outdir: path.join(tmp, 'once') }))).toBe(2);
  // cdk8s's App validates the whole app once more per chart (Chart.toJson()); the checks still
  // run once per synth (constructs/app-checks/synth-memo.ts, its own tests in synth-memo.spec.ts)
  expect(counted(new App({ outdir: path.join(tmp, 'plain') }))).toBe(2);
});

test('fails with the same validation errors as App', () => {
  const build = (app: App) => {
    const chart = new Chart(app, 'c');
    new HostPortPod(chart, 'A', { image: 'nginx', containerPort: 80, hostPort: 8080 });
    new HostPortPod(chart, 'B', { image: 'nginx', containerPort: 80, hostPort: 8080 });
    new Chart(app, 'd');
  };
  const message = (app: App, synth: (a: App) => unknown) => {
    build(app);
    try {
      synth(app);
    } catch (e: any) {
      return e.message;
    }
    throw new Error('no error');
  };
  const expected = message(new App({ outdir: tmp }), a => a.synthYaml());
  expect(expected).toMatch(/^Validation failed with the following errors:\n {2}\[cdk8s-expose-checks\] \[c\/A\] TCP port 8080/);
  expect(message(new ExposeApp({ outdir: tmp }), a => a.synthYaml())).toBe(expected);
  expect(message(new ExposeApp({ outdir: path.join(tmp, 'err') }), a => a.synth())).toBe(expected);
});

test('records the same warnings as App', () => {
  const warnings = (app: App) => {
    manyCharts(app);
    app.synthYaml();
    return Warnings.format(Warnings.collect(app));
  };
  const expected = warnings(new App({ outdir: tmp }));
  expect(expected).toMatch(/orphans\/Orphan/);
  expect(warnings(new ExposeApp({ outdir: tmp }))).toBe(expected);
});

test('a chart that overrides toJson() is asked for its objects', () => {
  class Patched extends Chart {
    public toJson(): any[] {
      return super.toJson().map(o => ({ ...o, metadata: { ...o.metadata, labels: { patched: 'yes' } } }));
    }
  }
  const build = (app: App) => {
    const chart = new Patched(app, 'p');
    new ApiObject(chart, 'Raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' } });
    new Construct(chart, 'Empty');
  };
  const plain = new App({ outdir: tmp });
  build(plain);
  const ours = new ExposeApp({ outdir: tmp });
  build(ours);
  expect(ours.synthYaml()).toBe(plain.synthYaml());
  expect(ours.synthYaml()).toMatch(/patched: "?yes/);
});

describe('yamlCache', () => {
  /** A cache in memory that records what it was asked. */
  class MemoryCache {
    public readonly entries = new Map<string, string>();
    public gets = 0;
    public sets = 0;
    public get(key: string): string | undefined {
      this.gets++;
      return this.entries.get(key);
    }

    public set(key: string, yaml: string): void {
      this.sets++;
      this.entries.set(key, yaml);
    }
  }

  test('writes the same bytes as App, and a second synth of the same app renders no YAML', () => {
    const cache = new MemoryCache();
    for (const yamlOutputType of OUTPUTS) {
      expect(written('ExposeApp', manyCharts, { yamlOutputType, yamlCache: cache } as AppProps))
        .toEqual(written('App', manyCharts, { yamlOutputType }));
    }
    expect(cache.sets).toBeGreaterThan(0);
    const setsBefore = cache.sets;
    written('ExposeApp', manyCharts, { yamlCache: cache } as AppProps);
    expect(cache.sets).toBe(setsBefore);
    expect(cache.gets).toBeGreaterThan(setsBefore);
  });

  test('the YAML comes from the cache when it holds the same documents', () => {
    const cache = new MemoryCache();
    const build = (app: App) => new k8s.KubeConfigMap(new Chart(app, 'c'), 'Cfg', { metadata: { name: 'cfg' }, data: { a: 'b' } });
    const first = new ExposeApp({ yamlCache: cache });
    build(first);
    expect(first.synthYaml()).toContain('name: cfg');
    for (const key of cache.entries.keys()) cache.entries.set(key, 'from the cache\n');
    const second = new ExposeApp({ yamlCache: cache });
    build(second);
    expect(second.synthYaml()).toBe('from the cache\n');
  });

  test('documents JSON cannot describe exactly (-0, NaN, Infinity: JSON says 0 or null) are rendered, never cached', () => {
    for (const value of [-0, Number.NaN, Number.POSITIVE_INFINITY]) {
      const cache = new MemoryCache();
      const app = new ExposeApp({ yamlCache: cache });
      new ApiObject(new Chart(app, 'c'), 'Odd', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: { v: value } as any });
      const plain = new App();
      new ApiObject(new Chart(plain, 'c'), 'Odd', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: { v: value } as any });
      expect(app.synthYaml()).toBe(plain.synthYaml());
      expect([cache.gets, cache.sets]).toEqual([0, 0]);
    }
  });
});
