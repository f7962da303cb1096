/**
 * `npm run flux-layout`: lays synthesised manifests out for Flux (FluxLayout, constructs/gitops/):
 * a folder per stage with that stage's objects and a kustomization.yaml, and flux/kustomizations.yaml
 * with one Flux Kustomization per stage (dependsOn the stage before, wait: true). The
 * Kustomizations are validated strictly against the Flux CRD in schemas/crds (kustomize-controller
 * v1.9.4) before the output folder is replaced atomically; on any failure it is left as it was.
 *
 *   npm run flux-layout -- [--dir dist] [--out dist-flux] [--path ./dist-flux] [--source flux-system] [--depends-on cert-manager,...]
 *     --dir     the manifests (a synth's output folder)
 *     --out     the folder to replace
 *     --path    the layout's folder as the Flux source sees it (spec.path of each Kustomization)
 *     --source  the GitRepository that holds it (in flux-system)
 *     --depends-on  Kustomizations (in flux-system) the first stage waits for: what installs cert-manager, for example
 * Exit: 0 written, 1 failed (the reason on stderr, no stack trace), 2 bad usage.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { Yaml } from 'cdk8s';
import { FluxLayout, FluxLayoutFile } from '../constructs';
import { perRunDir, replaceDirAtomically } from '../validation-plugin/src/atomic-dir';
import { findManifestFiles, formatViolations, getSchemaValidator, readManifests } from '../validation-plugin/src/schema-validator';

/** The Flux CRD the layout is validated against (schemas/crds/, source in schemas/README.md). */
export const FLUX_KUSTOMIZATION_CRD = 'crds/flux-kustomize-controller-v1.9.4-kustomizations.yaml';

/** The layout of the manifests in `dir` (its *.yaml files, in name order). */
export function fluxLayoutOf(dir: string, fluxPath: string, sourceName?: string, dependsOn?: string[]): FluxLayout {
  if (!fs.existsSync(dir)) throw new Error(`no folder ${dir} (synthesise first: npm run synth)`);
  const files = findManifestFiles(dir).filter(f => path.dirname(f) === dir);
  const { objects, violations } = readManifests(files);
  if (violations.length > 0) throw new Error(formatViolations(violations));
  const groups = files.map(file => ({ name: path.basename(file), objects: objects.filter(o => o.file === file).map(o => o.object) }));
  return FluxLayout.of(groups, { path: fluxPath, sourceName, dependsOn });
}

/** Strict violations of the layout's Flux Kustomizations against the Flux CRD, as text ('' when none). */
export function fluxViolations(layout: FluxLayout): string {
  const validator = getSchemaValidator({ kubernetesVersions: ['v1.27.0'], crdFiles: [FLUX_KUSTOMIZATION_CRD] });
  const violations = validator.validate(layout.kustomizations);
  return violations.length > 0 ? formatViolations(violations) : '';
}

/** The text of one layout file, as cdk8s writes YAML. */
export function fluxFileText(file: FluxLayoutFile): string {
  return Yaml.stringify(...file.documents);
}

function main(argv: string[]): number {
  let values: { dir?: string; out?: string; path?: string; source?: string; 'depends-on'?: string };
  try {
    const options = { 'dir': { type: 'string' }, 'out': { type: 'string' }, 'path': { type: 'string' }, 'source': { type: 'string' }, 'depends-on': { type: 'string' } } as const;
    values = parseArgs({ args: argv, options }).values;
  } catch (e) {
    process.stderr.write(`flux-layout: ${(e as Error).message}\n`);
    return 2;
  }
  const dir = path.resolve(values.dir ?? 'dist');
  const out = path.resolve(values.out ?? 'dist-flux');
  const fluxPath = values.path ?? `./${path.relative(process.cwd(), out)}`;
  try {
    const dependsOn = values['depends-on']?.split(',').map(x => x.trim()).filter(x => x.length > 0);
    const layout = fluxLayoutOf(dir, fluxPath, values.source, dependsOn);
    const violations = fluxViolations(layout);
    if (violations) throw new Error(`the Flux Kustomizations do not match ${FLUX_KUSTOMIZATION_CRD}:\n${violations}`);
    const tmp = perRunDir(out);
    for (const f of layout.files) {
      fs.mkdirSync(path.join(tmp, path.dirname(f.path)), { recursive: true });
      fs.writeFileSync(path.join(tmp, f.path), fluxFileText(f));
    }
    replaceDirAtomically(tmp, out);
    process.stderr.write(`flux-layout: ${layout.kustomizations.length} stages, ${layout.files.length} files -> ${path.relative(process.cwd(), out)}/ (validated against ${FLUX_KUSTOMIZATION_CRD})\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`flux-layout: FAILED: ${(e as Error).message}; ${path.relative(process.cwd(), out)}/ untouched\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
