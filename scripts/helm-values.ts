/**
 * Writes the Helm values (chart ingress-nginx 4.11.8) equivalent to the lab's IngressNginxController,
 * for users who install the controller with Helm instead of `kubectl apply -f dist`.
 *
 *   npm run helm-values                      # -> helm/ingress-nginx-values.yaml
 *   npm run helm-values -- path/to/out.yaml
 *
 * The file goes to helm/, never to dist/: `kubectl apply -f dist` would try to apply it.
 * The controller's configuration is read from the lab (lab/ with LAB_CONFIG), so the two never drift.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { IngressNginxController } from '../constructs';

/** The default output, relative to the repository root. */
export const HELM_VALUES_FILE = path.join('helm', 'ingress-nginx-values.yaml');

/** The Helm values YAML of the one IngressNginxController in `app`. */
export function helmValuesOf(app: App): string {
  const controllers = IngressNginxController.find(app);
  if (controllers.length !== 1) {
    throw new Error(`expected one IngressNginxController in the lab, found ${controllers.length}` +
      (controllers.length === 0 ? ' (add it to lab/ first)' : `: ${controllers.map(c => c.node.path).join(', ')}`));
  }
  return controllers[0].toHelmValuesYaml();
}

/** Writes `yamlText` to `file`, creating its directory; refuses anything under dist/. */
export function writeHelmValues(file: string, yamlText: string): string {
  const resolved = path.resolve(file);
  const dist = path.resolve('dist');
  if (resolved === dist || resolved.startsWith(dist + path.sep)) {
    throw new Error(`${file} is under dist/, which \`kubectl apply -f dist\` reads; write the values elsewhere (default ${HELM_VALUES_FILE})`);
  }
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  fs.writeFileSync(resolved, yamlText);
  return resolved;
}

async function main(): Promise<void> {
  // loaded here, not at the top, so that tests can use the functions above without building the lab
  const { buildLab, LAB_CONFIG } = await import('../lab');
  const app = new App({ outdir: '.dist-helm-values' }); // never synthesised: nothing is written there
  buildLab(app, LAB_CONFIG);
  const out = writeHelmValues(process.argv[2] ?? HELM_VALUES_FILE, helmValuesOf(app));
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

if (require.main === module) {
  main().catch(e => {
    process.stderr.write(`helm-values: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
