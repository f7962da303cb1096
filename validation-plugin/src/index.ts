/**
 * The cdk8s-cli validation plugin of cdk8s-expose.
 *
 * Declared in cdk8s.yaml:
 *
 *   validations:
 *     - package: ./validation-plugin
 *       class: SchemaValidation
 *       version: 0.1.0
 *       properties:
 *         promote: { from: .dist-staging, to: dist }
 *
 * cdk8s-cli `require`s a local package (a path starting with `./`) directly, instantiates the class
 * with `properties` and calls `validate(context)` after the app has written its manifests; it sets
 * CDK8S_RECORD_CONSTRUCT_METADATA=true for the app so that `context.metadata` maps object names to
 * construct paths, and exits with code 2 when any report fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import { acceptAppReport } from './app-report';
import { StagedRun, readStagedRun, registerPromotion, writtenIntoTarget } from './promotion';
import { SchemaViolation, formatViolations, getSchemaValidator, parseManifests, warningsOf } from './schema-validator';

export * from './schema-validator';
export * from './atomic-dir';
export * from './cli-run';

/** Properties of the plugin (`properties:` in cdk8s.yaml). */
export interface SchemaValidationProperties {
  /** Kubernetes versions to validate against (files `<schemasDir>/kubernetes-<version>.json`). Default: v1.27.0, v1.36.0. */
  readonly kubernetesVersions?: string[];
  /** Directory with the schemas, relative to the project directory. Default: the repo's `schemas/`. */
  readonly schemasDir?: string;
  /** CRD files relative to `schemasDir`. Default: `crds/*.yaml`, the newest release of each project. */
  readonly crdFiles?: string[];
  /**
   * Without `crdFiles`: the CRD release of a project the cluster runs, project -> version, e.g.
   * `{ cert-manager: v1.16.5 }` (files `crds/<project>-<version>.yaml`). Default: the newest of each.
   */
  readonly crdReleases?: { [project: string]: string };
  /**
   * Makes a plain `cdk8s synth` lose nothing: cdk8s.yaml's `output` is the staging directory
   * `from`; when this plugin finds no violation and the whole `cdk8s synth` then exits with code 0
   * (every other plugin passed too), `to` is replaced by `from` atomically, at process exit.
   * On any failure `to` is untouched. Ignored with `--stdout` or when `--output` is not `from`;
   * refused when `--output` is `to` itself. What is promoted is exactly what was validated (see
   * promotion.ts): with the app run through scripts/cdk8s-app.ts, that run's own directory.
   */
  readonly promote?: { readonly from: string; readonly to: string };
}

/** The part of cdk8s-cli's ValidationContext this plugin uses (no runtime import of the CLI). */
export interface PluginValidationContext {
  readonly manifests: readonly string[];
  readonly metadata?: { readonly [name: string]: { readonly path?: string } };
  readonly stdout?: boolean;
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
}

/** Strict schema validation of every synthesised object (see docs/validation.md). */
export class SchemaValidation {
  constructor(private readonly props: SchemaValidationProperties = {}) {}

  public async validate(context: PluginValidationContext): Promise<void> {
    const started = performance.now();
    const validator = getSchemaValidator({
      schemasDir: this.props.schemasDir ? path.resolve(this.props.schemasDir) : undefined,
      kubernetesVersions: this.props.kubernetesVersions,
      crdFiles: this.props.crdFiles,
      crdReleases: this.props.crdReleases,
    });
    const constructPaths: Record<string, string> = {};
    for (const [name, m] of Object.entries(context.metadata ?? {})) if (m.path) constructPaths[name] = m.path;
    const manifests = [...context.manifests].sort();
    const promote = this.props.promote && !context.stdout ? this.props.promote : undefined;
    const from = promote ? path.resolve(promote.from) : '';
    const staging = promote !== undefined && manifests.length > 0 && manifests.every(m => path.resolve(m).startsWith(from + path.sep));
    const run: StagedRun = staging ? readStagedRun(manifests, from) : { texts: manifests.map(file => ({ file, text: fs.readFileSync(file, 'utf-8') })) };
    // The app's own validation of exactly these bytes (scripts/cdk8s-app.ts, app-report.ts), else our own.
    const reported = run.runDir && !run.problem ? acceptAppReport(run.runDir, from, run.texts, validator.schemaSetKey) : undefined;
    const { objects, violations, warnings } = reported ?? (() => {
      const parsed = parseManifests(run.texts, constructPaths);
      return { objects: parsed.objects.length, violations: [...parsed.violations, ...validator.validate(parsed.objects)],
        warnings: warningsOf(validator, parsed.objects) };
    })();
    // The API server's warnings (deprecations): printed, never a failure.
    if (warnings.length > 0) process.stderr.write(`${formatViolations(warnings)}\n`);

    reportViolations(context, violations);

    let promotion = 'no';
    const refuse = (ruleName: string, recommendation: string, fix: string) => {
      context.report.addViolation({ ruleName, recommendation, fix, violatingResources: [] });
      violations.push({ apiVersion: '', kind: '', name: '', schema: '', source: '', instancePath: '', message: ruleName });
    };
    if (promote && writtenIntoTarget(manifests, promote.to)) {
      refuse('Output written into the promotion target',
        `cdk8s synth --output ${promote.to} wrote unvalidated manifests straight into ${promote.to}/ (the CLI emptied it first); this plugin promotes ${promote.from}/ into ${promote.to}/ only after validation`,
        `Run \`cdk8s synth\` without --output (cdk8s.yaml's output is ${promote.from}) or \`npm run synth\`, then check ${promote.to}/.`);
    } else if (promote && manifests.length === 0 && fs.existsSync(from)) {
      refuse('No manifests synthesised', `the app wrote no manifest to ${promote.from}; ${promote.to}/ is left as it was`,
        'Make sure the app adds charts and calls app.synth().');
    } else if (run.problem) {
      refuse('Staging directory changed during the synth', run.problem, 'Run one `cdk8s synth` at a time in a project, or use `npm run synth`, which stages every run separately.');
    } else if (promote && staging && violations.length === 0) {
      registerPromotion(run, from, path.resolve(promote.to));
      promotion = `${promote.from} -> ${promote.to} when cdk8s synth succeeds`;
    } else if (run.runDir) {
      fs.rmSync(run.runDir, { recursive: true, force: true });
    }

    context.report.submit(violations.length === 0 ? 'success' : 'failure', {
      'Objects': String(objects),
      'Schemas': `Kubernetes ${validator.kubernetesVersions.join(', ')} + CRDs`,
      'Violations': String(violations.length),
      'Warnings': String(warnings.length),
      'Promotion': promotion,
      'Duration': `${Math.round(performance.now() - started)} ms`,
    });
  }
}

/** One CLI violation per object (its schema violations together); the CLI adds the construct path from the object's name. */
function reportViolations(context: PluginValidationContext, violations: SchemaViolation[]): void {
  const byObject = new Map<string, SchemaViolation[]>();
  for (const v of violations) {
    const key = `${v.file}\u0000${v.index}`;
    byObject.set(key, [...(byObject.get(key) ?? []), v]);
  }
  for (const list of byObject.values()) {
    const v = list[0];
    const lines = new Map<string, string[]>();
    for (const x of list) {
      const line = `${x.instancePath || '/'}: ${x.message}`;
      lines.set(line, [...(lines.get(line) ?? []), x.schema]);
    }
    context.report.addViolation({
      ruleName: v.schema === 'yaml'
        ? `YAML error in document #${v.index}`
        : `Schema: ${v.kind} ${v.namespace ? `${v.namespace}/` : ''}${v.name} (document #${v.index}) is rejected by Kubernetes ${[...new Set(list.map(x => x.schema))].join(', ')}`,
      recommendation: [...lines].map(([line, versions]) => `[${[...new Set(versions)].join(', ')}] ${line}`).join('; '),
      fix: 'Fix the construct (or escape hatch / JsonPatch) at the construct path so that the object matches the schema; unknown fields are errors (strict), as kubectl apply\'s server-side field validation makes them.',
      violatingResources: [{
        resourceName: v.name,
        manifestPath: v.file ?? '',
        locations: [...lines.keys()],
      }],
    });
  }
}
