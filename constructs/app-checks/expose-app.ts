/**
 * An App that synthesises in one pass. cdk8s's `Chart.toJson()` prepares and validates the
 * whole app again for every chart (`App._synthChart`), so `app.synth()` validates an app of
 * C charts 1 + C times, and the app-wide checks render every object each time: quadratic in
 * the number of charts. ExposeApp prepares (chart and object dependencies), validates and
 * renders each chart once, and writes exactly what `App` writes (same files, same bytes, same
 * errors) for every `YamlOutputType`.
 *
 * The steps mirror cdk8s 2.70's `App.synth()`/`synthYaml()` with public API only; cdk8s's
 * `App` is used as is (nothing is patched).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { ExposeErrors } from '../core/errors';
import { DeployPlan, stampSyncWave } from '../gitops/deploy-plan';
import { chartObjects } from './model-builder';
import { renderOf, withRenderCache } from './render-cache';
import { IYamlCache, yamlOf } from './yaml-cache';

/**
 * Options of an ExposeApp: those of `App`, and where to keep the YAML it renders.
 * @stable
 */
export interface ExposeAppProps extends AppProps {
  /**
   * Where to keep the YAML of each manifest file, by its content: a synth whose charts did not
   * change takes their YAML from here instead of rendering it again (the same bytes). The
   * project's scripts (`npm run synth`) pass one that lives in `node_modules/.cache`.
   * @default - no cache: every synth renders all YAML
   */
  readonly yamlCache?: IYamlCache;
  /**
   * Stamp Argo CD's `argocd.argoproj.io/sync-wave` on every object written: its stage's wave,
   * 0 (namespaces, RBAC, ConfigMaps) to 4 (Ingresses, Gateways, routes), from `DeployPlan`
   * (docs/gitops.md). The annotation is inert for `kubectl apply` and Flux; an object that sets a
   * wave itself keeps it. Off by default: the output of existing apps does not change, and an
   * app that is one part of a larger Argo CD Application may number its waves itself.
   * @default false
   */
  readonly syncWaves?: boolean;
  /**
   * Report the bad input of every construct at synth, in one error, instead of throwing at the
   * first construct whose props are wrong (sets `ExposeErrors.COLLECT_CONTEXT` on the app): what a
   * CI wants. `npm run synth` turns it on.
   * @default false
   */
  readonly collectConstructionProblems?: boolean;
}

/**
 * A cdk8s App whose `synth()` and `synthYaml()` validate the app once and render each chart
 * once, instead of once per chart: the same output as `App`, in time linear in the number of
 * charts. Use it in place of `App` for apps of many charts; the app-wide checks then run once
 * per synth.
 *
 * @example
 * const app = new ExposeApp();
 * // ... charts and constructs as with App
 * app.synth();
 * @stable
 */
export class ExposeApp extends App {
  private readonly recordMetadata: boolean;
  private readonly yamlCache?: IYamlCache;
  private readonly syncWaves: boolean;

  /** @param props the options of `App`, a YAML cache, and whether to stamp sync waves */
  constructor(props: ExposeAppProps = {}) {
    super(props);
    this.syncWaves = props.syncWaves ?? false;
    if (props.collectConstructionProblems) this.node.setContext(ExposeErrors.COLLECT_CONTEXT, true);
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
    this.yamlCache = props.yamlCache;
  }

  /** Synthesizes all manifests to the output directory, as `App.synth()` does, validating once. */
  public synth(): void {
    withRenderCache(this, () => this.synthOnce());
  }

  /** Synthesizes the app into a YAML string, as `App.synthYaml()` does, validating once. */
  public synthYaml(): string {
    return withRenderCache(this, () => {
      const all = new FindAllCache();
      resolveDependencies(this, all);
      validateApp(this, all);
      return yamlOf(this.renderCharts().flat(), this.yamlCache);
    });
  }

  /** Every chart's objects as rendered (once per synth), with their sync waves when asked. */
  private renderCharts(): any[][] {
    const rendered = this.charts.map(renderChart);
    if (this.syncWaves) {
      const all = rendered.flat();
      const plan = DeployPlan.of(all);
      all.forEach((obj, i) => stampSyncWave(obj, plan.waveOf(i)));
    }
    return rendered;
  }

  /** Writes a multi-document YAML file, as `Yaml.save` does. */
  private save(file: string, docs: unknown[]): void {
    fs.writeFileSync(file, yamlOf(docs, this.yamlCache), { encoding: 'utf8' });
  }

  private synthOnce(): void {
    fs.mkdirSync(this.outdir, { recursive: true });
    const all = new FindAllCache();
    validateApp(this, all);
    const hasDependantCharts = resolveDependencies(this, all);
    const charts = this.charts;
    const rendered = this.renderCharts();
    switch (this.yamlOutputType) {
      case YamlOutputType.FILE_PER_APP: {
        const objects = rendered.flat();
        if (charts.length > 0) this.save(path.join(this.outdir, `app${this.outputFileExtension}`), objects);
        break;
      }
      case YamlOutputType.FILE_PER_CHART: {
        const name = chartNamer(hasDependantCharts, chart => Names.toDnsLabel(chart));
        charts.forEach((chart, i) => this.save(path.join(this.outdir, name(chart) + this.outputFileExtension), rendered[i]));
        break;
      }
      case YamlOutputType.FILE_PER_RESOURCE:
        for (const objects of rendered) {
          for (const obj of objects) {
            if (obj !== undefined) this.save(path.join(this.outdir, resourceFileName(obj) + this.outputFileExtension), [obj]);
          }
        }
        break;
      case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
        const name = chartNamer(hasDependantCharts, chart => Names.toDnsLabel(chart));
        for (const chart of charts) {
          const dir = path.join(this.outdir, name(chart));
          fs.mkdirSync(dir, { recursive: true });
          for (const obj of chartObjects(chart)) {
            this.save(path.join(dir, resourceFileName(obj) + this.outputFileExtension), [renderOf(this, obj)]);
          }
        }
        break;
      }
      default:
        break;
    }
    if (this.recordMetadata) {
      const resources: Record<string, { path: string }> = {};
      for (const obj of this.charts.flatMap(chartObjects)) resources[obj.name] = { path: obj.node.path };
      fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
    }
  }
}

/** `node.findAll()` once per node and synth (cdk8s's SynthRequestCache). */
class FindAllCache {
  private readonly cache = new Map<Node, IConstruct[]>();
  public findAll(node: Node): IConstruct[] {
    let found = this.cache.get(node);
    if (!found) this.cache.set(node, found = node.findAll());
    return found;
  }
}

/** Runs every construct's validations; throws them all, as cdk8s does. */
function validateApp(app: App, all: FindAllCache): void {
  const errors: string[] = [];
  for (const child of all.findAll(app.node)) {
    for (const error of child.node.validate()) errors.push(`[${child.node.path}] ${error}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

function constructDependencies(app: App, all: FindAllCache): Array<{ source: IConstruct; target: IConstruct }> {
  const deps: Array<{ source: IConstruct; target: IConstruct }> = [];
  for (const child of all.findAll(app.node)) {
    for (const dep of child.node.dependencies) deps.push({ source: child, target: dep });
  }
  return deps;
}

/** Chart and ApiObject dependencies from nested charts and construct dependencies, as cdk8s adds them; whether any chart depends on another. */
function resolveDependencies(app: App, all: FindAllCache): boolean {
  let hasDependantCharts = false;
  for (const parent of all.findAll(app.node).filter(x => x instanceof Chart)) {
    for (const child of parent.node.children.filter(x => x instanceof Chart)) {
      parent.node.addDependency(child);
      hasDependantCharts = true;
    }
  }
  for (const dep of constructDependencies(app, all)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  for (const dep of constructDependencies(app, all)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    const targets = all.findAll(dep.target.node).filter(c => c instanceof ApiObject).filter(x => Chart.of(x) === targetChart);
    const sources = all.findAll(dep.source.node).filter(c => c instanceof ApiObject).filter(x => Chart.of(x) === sourceChart);
    for (const target of targets) {
      for (const source of sources) {
        if (target !== source) source.node.addDependency(target);
      }
    }
  }
  return hasDependantCharts;
}

/** What `chart.toJson()` returns, without preparing and validating the whole app again (a chart that overrides toJson() is asked). */
function renderChart(chart: Chart): any[] {
  if (chart.toJson !== Chart.prototype.toJson) return Object.values(chart.toJson());
  return chartObjects(chart).map(obj => renderOf(chart.node.root, obj));
}

function resourceFileName(obj: { kind: string; metadata: { name?: string } }): string {
  return `${obj.kind}.${obj.metadata.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** File or folder names of charts: `0000-name` when charts depend on each other, else the name. */
function chartNamer(indexed: boolean, base: (chart: Chart) => string): (chart: Chart) => string {
  let index = 0;
  return chart => indexed ? `${(index++).toString().padStart(4, '0')}-${base(chart)}` : base(chart);
}
