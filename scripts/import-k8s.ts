/**
 * `npm run import`'s Kubernetes step: imports/k8s.ts, the Kubernetes 1.27 bindings every construct
 * uses (`KubeDeployment`, `KubeService`, `KubeIngress`...), generated OFFLINE from the committed
 * schemas/kubernetes-v1.27.0.json.
 *
 * The output is what `cdk8s import k8s@1.27.0 --language typescript` writes: that command downloads
 * cdk8s-team/cdk8s's `kubernetes-schemas/v1.27.0/_definitions.json` (the very file committed as
 * schemas/kubernetes-v1.27.0.json, see schemas/README.md) and feeds it through the generator below.
 * This script does the same steps as cdk8s-cli's `ImportKubernetesApi.generateTypeScript`
 * (lib/import/k8s.js) and `ImportBase.import` (lib/import/base.js) with the functions those modules
 * export (findApiObjectDefinitions, parseApiTypeName, getTypeName, getPropsTypeName,
 * generateConstruct, emitHeader; json2jsii's TypeGenerator; codemaker's CodeMaker), reading the
 * local schema instead of downloading it. Nothing of cdk8s-cli is patched; its modules are loaded
 * by file path because its package.json `exports` map lists only `./plugins`.
 *
 *   node -r ./scripts/compile.js scripts/import-k8s.js [outdir]   (default: imports/)
 *
 * __tests__/integration/imports-drift.spec.ts regenerates it and compares byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
export const K8S_SCHEMA = path.join(ROOT, 'schemas', 'kubernetes-v1.27.0.json');
/** The module cdk8s-cli writes for `cdk8s import k8s@...`: `k8s.ts`. */
export const K8S_MODULE = 'k8s';
/** cdk8s-cli's DEFAULT_CLASS_NAME_PREFIX for `import k8s` (no --class-prefix). */
const CLASS_NAME_PREFIX = 'Kube';

/** A module of cdk8s-cli's lib/, by file path (its `exports` map hides lib/). */
function cli<T>(rel: string): T {
  const dir = path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [ROOT] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdk8s-cli's internal modules, loaded by path
  return require(path.join(dir, 'lib', rel)) as T;
}

/** Generates `<outdir>/k8s.ts` from the schema file, as `cdk8s import k8s@1.27.0` would. */
export async function importK8s(outdir: string, schemaFile = K8S_SCHEMA): Promise<string> {
  /* eslint-disable @typescript-eslint/no-require-imports -- the generator's own dependencies, resolved as cdk8s-cli resolves them */
  const { CodeMaker } = require(require.resolve('codemaker', { paths: [path.dirname(require.resolve('cdk8s-cli/package.json'))] })) as typeof import('codemaker');
  const { TypeGenerator } = require(require.resolve('json2jsii', { paths: [path.dirname(require.resolve('cdk8s-cli/package.json'))] })) as typeof import('json2jsii');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { findApiObjectDefinitions } = cli<typeof import('cdk8s-cli/lib/import/k8s')>('import/k8s.js');
  const codegen = cli<typeof import('cdk8s-cli/lib/import/codegen')>('import/codegen.js');
  const { parseApiTypeName, safeParseJsonSchema } = cli<typeof import('cdk8s-cli/lib/import/k8s-util')>('import/k8s-util.js');

  const schema = safeParseJsonSchema(fs.readFileSync(schemaFile, 'utf-8'));
  const topLevelObjects = findApiObjectDefinitions(schema, CLASS_NAME_PREFIX);
  const typeGenerator = new TypeGenerator({
    definitions: schema.definitions,
    exclude: undefined, // no --exclude
    renderTypeName: (def: string) => {
      const parsed = parseApiTypeName(def);
      return parsed.version ? codegen.getTypeName(false, parsed.basename, parsed.version.raw) : parsed.basename;
    },
  });
  // as cdk8s-cli: each API object's own definition becomes a $ref to its props type (KubeDeploymentProps)
  for (const o of topLevelObjects) typeGenerator.addDefinition(o.fqn, { $ref: `#/definitions/${codegen.getPropsTypeName(o)}` });
  for (const o of topLevelObjects) codegen.generateConstruct(typeGenerator, o);

  const code = new CodeMaker();
  const fileName = `${K8S_MODULE}.ts`;
  code.openFile(fileName);
  code.indentation = 2;
  codegen.emitHeader(code, false);
  code.line(typeGenerator.render());
  code.closeFile(fileName);
  fs.mkdirSync(outdir, { recursive: true });
  await code.save(outdir);
  return path.join(outdir, fileName);
}

if (require.main === module) {
  const outdir = path.resolve(process.argv[2] ?? path.join(ROOT, 'imports'));
  importK8s(outdir).then(
    file => process.stdout.write(`${path.relative(process.cwd(), file)}\n`),
    (e: Error) => {
      process.stderr.write(`${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}
