/**
 * `npm run build`: the package as `npm pack` ships it, built from scratch into lib/.
 *
 * - jsii compiles constructs/ and imports/ (tsconfig.build.json, package.json "jsii") into
 *   lib/constructs and lib/imports and writes the `.jsii` assembly that jsii-pacmak, jsii-docgen
 *   and Construct Hub read;
 * - tsc compiles validation-plugin/src into lib/validation-plugin: the cdk8s validation plugin
 *   consumers declare in their own cdk8s.yaml (`package: ./node_modules/cdk8s-expose/lib/validation-plugin`).
 *   It finds the schemas as `../../schemas` from there, as validation-plugin/lib does in this repo.
 *
 * Both run at once (two processes). Earlier outputs are removed first, so files of deleted
 * sources never reach the tarball. API.md is not written here: `npm run api-docs` (drift-tested).
 *
 * A build of the same inputs is not repeated: lib/.build-inputs holds the hash of every input
 * (the sources, README.md that jsii puts into the assembly, tsconfig.build.json, package.json,
 * package-lock.json); when it matches and the outputs exist, `npm run build` is a no-op. So the
 * build `npm ci` runs (`prepare`) is the one `npm pack` ships. `--force` rebuilds.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const bin = (...p: string[]) => path.join(ROOT, 'node_modules', ...p);

/** jsii warnings that are not problems of this package, with why. */
const SILENCED = [
  // Names such as `default` or `type` are reserved in some target language; jsii renames them there.
  'reserved-word',
  // jsii would have us develop against the lowest peer versions (cdk8s 2.70.0...); we test the pinned ones.
  'metadata/missing-dev-dependency',
];

function run(label: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JSII_SUPPRESS_UPGRADE_PROMPT: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
    });
    let out = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (out += d));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${out.split('\n').filter(l => !l.startsWith('!!')).join('\n')}`));
    });
  });
}

const INPUTS = ['constructs', 'imports', 'validation-plugin/src', 'validation-plugin/tsconfig.json', 'tsconfig.build.json', 'README.md', 'package-lock.json'];
const OUTPUTS = ['.jsii', 'lib/constructs/index.js', 'lib/constructs/index.d.ts', 'lib/constructs/errors.js', 'lib/validation-plugin/index.js'];
const STAMP = path.join(ROOT, 'lib', '.build-inputs');

/** The hash of every build input (file paths and contents, in path order); package.json without its scripts. */
export function buildInputsHash(): string {
  const hash = createHash('sha256').update(process.version);
  const add = (rel: string): void => {
    const full = path.join(ROOT, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) add(path.join(rel, name));
    } else if (rel.endsWith('.js') && fs.existsSync(`${full.slice(0, -3)}.ts`)) {
      // the JavaScript tsc compiles beside the TypeScript for the scripts (scripts/compile.js): the .ts is the input
    } else {
      hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0');
    }
  };
  INPUTS.forEach(add);
  // scripts do not change what is built, and `npm pack` strips the lifecycle ones meanwhile
  const { scripts: _scripts, ...pkg } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
  hash.update(JSON.stringify(pkg));
  return hash.digest('hex');
}

/** Whether lib/ and .jsii were built from exactly the current inputs. */
export function buildIsCurrent(inputs = buildInputsHash()): boolean {
  try {
    return fs.readFileSync(STAMP, 'utf-8') === inputs && OUTPUTS.every(o => fs.existsSync(path.join(ROOT, o)));
  } catch {
    return false;
  }
}

/** Builds lib/ and .jsii unless they are current (or `force`); returns whether it built. */
export async function buildPackage(force = false): Promise<boolean> {
  const inputs = buildInputsHash();
  if (!force && buildIsCurrent(inputs)) return false;
  fs.rmSync(STAMP, { force: true });
  for (const p of ['lib/constructs', 'lib/imports', 'lib/validation-plugin', '.jsii', '.jsii.gz']) {
    fs.rmSync(path.join(ROOT, p), { recursive: true, force: true });
  }
  await Promise.all([
    run('jsii', [bin('jsii', 'bin', 'jsii'), ...SILENCED.flatMap(w => ['--silence-warnings', w])]),
    run('tsc (validation plugin)', [bin('typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'validation-plugin', 'tsconfig.json'), '--outDir', path.join(ROOT, 'lib', 'validation-plugin')]),
  ]);
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) throw new Error('jsii wrote no .jsii assembly');
  fs.writeFileSync(STAMP, inputs);
  return true;
}

if (require.main === module) {
  const started = Date.now();
  buildPackage(process.argv.includes('--force')).then(
    built => process.stderr.write(built
      ? `built lib/ and .jsii in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
      : 'lib/ and .jsii are current (built from the same inputs); --force rebuilds\n'),
    (e: Error) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    },
  );
}
