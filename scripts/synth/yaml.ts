/**
 * The `yaml` module cdk8s itself loads (cdk8s bundles its own copy): parsing cdk8s.yaml with it
 * costs no second YAML library load (about 30 ms) in a process that runs a cdk8s app anyway.
 */
import * as path from 'path';

export function cdk8sYaml(): typeof import('yaml') {
  const from = path.dirname(require.resolve('cdk8s'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('yaml', { paths: [from] })) as typeof import('yaml');
}
