/** A directory of synthesised manifests as topology sources: one group per YAML file. */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { TopologySource } from './types';

/** `40-web.k8s.yaml` -> `40-web`. */
export function groupOfFile(file: string): string {
  return path.basename(file).replace(/(\.k8s)?\.ya?ml$/, '');
}

/** The YAML files of `dir` (not recursive), sorted by name, each parsed into its objects. */
export function readManifestDir(dir: string): TopologySource[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory of synthesised manifests`);
  const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new Error(`${dir}: no .yaml files (synthesise the app first, or pass --app)`);
  return files.map(f => ({ group: groupOfFile(f), objects: Yaml.load(path.join(dir, f)).filter((o: unknown) => o !== null) }));
}
