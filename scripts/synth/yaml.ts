/**
 * The `yaml` module cdk8s itself loads (cdk8s bundles its own copy): parsing cdk8s.yaml with it
 * costs no second YAML library load (about 30 ms) in a process that runs a cdk8s app anyway.
 * The parsed cdk8s.yaml is kept as JSON, keyed by the file's path, size and modification time: a
 * cold parse of even that small file costs ~10 ms of a lab synth.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from '../../validation-plugin/src/atomic-file';

export function cdk8sYaml(): typeof import('yaml') {
  const from = path.dirname(require.resolve('cdk8s'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('yaml', { paths: [from] })) as typeof import('yaml');
}

const cacheDir = () => path.join(process.env.CDK8S_EXPOSE_CACHE_DIR ?? path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-expose'), 'cdk8s-yaml');

/** A YAML file (cdk8s.yaml) parsed, from the cache when the file is unchanged. */
export function readYamlFile(file: string): unknown {
  const abs = path.resolve(file);
  const st = fs.statSync(abs);
  const key = crypto.createHash('sha1').update(`${abs}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0${st.ino}`).digest('hex');
  const cached = path.join(cacheDir(), `${key}.json`);
  try {
    return (JSON.parse(fs.readFileSync(cached, 'utf-8')) as { value: unknown }).value;
  } catch {
    // not cached yet
  }
  const value = cdk8sYaml().parse(fs.readFileSync(abs, 'utf-8')) as unknown;
  try {
    writeFileAtomically(cached, JSON.stringify({ value }));
  } catch {
    // an unwritable cache only costs the parse next time
  }
  return value;
}
