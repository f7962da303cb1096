/**
 * Runs a cdk8s app in this process and returns its objects as they were written, without
 * parsing the YAML back.
 *
 * An app entry that exports `buildApp(props)` (and optionally `synth(app)`, what running it does
 * after building: main.ts writes the manifests and prints the warnings) is built here with our
 * output directory and the YAML cache (./yaml-cache.ts: an ExposeApp takes the YAML of unchanged
 * files from it); each object's rendering is taken as `app.synth()` wrote it (the ApiObject
 * instances' `toJson` is observed, nothing in cdk8s is patched), with the file and document index
 * it was written to and the exact construct path of each. Any other entry is simply
 * required with CDK8S_OUTDIR set, as `cdk8s synth` would run it, and its files are read back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { ExposeErrors } from '../../constructs/core/errors';
import type { ExposeAppProps } from '../../constructs';
import { chartObjects } from '../../constructs/app-checks/model-builder';
import { ManifestObject, findManifestFiles, readConstructMetadata, readManifests } from '../../validation-plugin/src/schema-validator';
import type { SchemaViolation } from '../../validation-plugin/src/schema-validator';
import { FileYamlCache } from './yaml-cache';

/** What an app entry may export for the in-process synth. */
export interface AppEntry {
  buildApp?(props: ExposeAppProps): App;
  synth?(app: App): void;
}

export interface InProcessSynth {
  /** Every object written, in file and document order. */
  readonly objects: ManifestObject[];
  /** YAML errors of files read back (only when the app could not be built here). */
  readonly parseErrors: SchemaViolation[];
  /** The manifest files written. */
  readonly files: string[];
  /** Whether the objects came from memory (true) or were read back from the files. */
  readonly inMemory: boolean;
}

/**
 * The last rendering of each ApiObject (its `toJson()` result): what `app.synth()` wrote, since
 * rendering is deterministic. Observed per instance, so it works for `App` (which renders through
 * `chart.toJson()`) and for an App that renders each object once (ExposeApp); nothing in cdk8s is
 * patched.
 */
function observeApiObjects(app: App): Map<ApiObject, unknown> {
  const rendered = new Map<ApiObject, unknown>();
  for (const c of app.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const obj = c;
    const render = obj.toJson.bind(obj);
    Object.defineProperty(obj, 'toJson', {
      configurable: true,
      value: () => {
        const json = render();
        rendered.set(obj, json);
        return json;
      },
    });
  }
  return rendered;
}

function readBack(outdir: string, keepConstructMetadata: boolean): InProcessSynth {
  const files = findManifestFiles(outdir);
  const { objects, violations } = readManifests(files, readConstructMetadata(outdir));
  if (!keepConstructMetadata) fs.rmSync(path.join(outdir, 'construct-metadata.json'), { force: true });
  return { objects, parseErrors: violations, files, inMemory: false };
}

/**
 * Builds the app with `collectConstructionProblems` (every construct's bad input reported at
 * synth, in one error: ExposeErrors.COLLECT_CONTEXT). A construct built with bad values may fail
 * in a way that is not a validation error: then the app is built again without collecting, so that
 * the first bad construct throws its own precise error, as it would anywhere else.
 */
function buildCollecting(buildApp: (props: ExposeAppProps) => App, props: ExposeAppProps): App {
  try {
    return buildApp({ ...props, collectConstructionProblems: true });
  } catch (e) {
    if (ExposeErrors.isValidationError(e)) throw e;
    return buildApp(props);
  }
}

/**
 * Synthesises the app of `entry` into `outdir` in this process.
 * @param keepConstructMetadata  leave cdk8s's construct-metadata.json in `outdir` (`cdk8s synth`
 *                               reads it for its reports); otherwise it is not written, or removed
 * @param collect  return the objects (false: only the files, for a caller that validates elsewhere)
 */
export function synthInProcess(entry: string, outdir: string, keepConstructMetadata = false, collect = true): InProcessSynth {
  const abs = path.resolve(entry);
  process.env.CDK8S_OUTDIR = outdir;
  const mod = ((): AppEntry => {
    // a self-running entry synthesises while it is required: record construct paths for the report
    const before = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(abs) as AppEntry;
    } finally {
      if (before === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
      else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = before;
    }
  })();
  if (typeof mod.buildApp !== 'function') {
    return collect ? readBack(outdir, keepConstructMetadata) : { objects: [], parseErrors: [], files: findManifestFiles(outdir), inMemory: false };
  }

  const yamlCache = new FileYamlCache();
  const app = buildCollecting(mod.buildApp, { outdir, recordConstructMetadata: keepConstructMetadata, yamlCache });
  const rendered = collect ? observeApiObjects(app) : new Map<ApiObject, unknown>();
  if (mod.synth) mod.synth(app);
  else app.synth();
  yamlCache.save();
  if (!collect) return { objects: [], parseErrors: [], files: findManifestFiles(outdir), inMemory: false };
  const charts = app.charts;
  // a chart with its own toJson() writes what it renders, not its objects' renderings
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART || charts.some(c => c.toJson !== Chart.prototype.toJson)) {
    return readBack(outdir, keepConstructMetadata);
  }

  const objects: ManifestObject[] = [];
  const files: string[] = [];
  for (const [i, chart] of charts.entries()) {
    const simple = Names.toDnsLabel(chart);
    const candidates = [simple, `${i.toString().padStart(4, '0')}-${simple}`].map(n => path.join(outdir, n + app.outputFileExtension));
    const file = candidates.find(f => fs.existsSync(f));
    const apiObjects = chartObjects(chart);
    if (!file || apiObjects.some(o => !rendered.has(o))) return readBack(outdir, keepConstructMetadata);
    files.push(file);
    apiObjects.forEach((o, index) => objects.push({ object: rendered.get(o), file, index, constructPath: o.node.path }));
  }
  const written = findManifestFiles(outdir);
  if (written.length !== files.length) return readBack(outdir, keepConstructMetadata);
  return { objects, parseErrors: [], files, inMemory: true };
}
