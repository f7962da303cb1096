/** A directory of synthesised manifests as topology sources: one group per YAML file. */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { TopologySource } from './types';

/** `40-web.k8s.yaml` -> `40-web`. */
export function groupOfFile(file: string): string {
  return path.basename(file).replace(/(\.k8s)?\.ya?ml$/, '');
}

/**
 * The objects of a multi-document YAML text, as cdk8s's `Yaml.load` returns them (the same yaml
 * library and version, YAML 1.1, empty documents skipped). `Yaml.load` itself reads even a local
 * file through a child Node process (it also fetches URLs, synchronously): about 0.1 s of CPU per
 * file.
 */
export function parseManifests(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map(doc => doc.toJSON() as unknown)
    .filter(o => o !== undefined && o !== null
      && !(Array.isArray(o) && o.length === 0)
      && !(typeof o === 'object' && Object.keys(o as object).length === 0));
}

/** The YAML files of `dir` (not recursive), sorted by name, each parsed into its objects. */
export function readManifestDir(dir: string): TopologySource[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory of synthesised manifests`);
  const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new Error(`${dir}: no .yaml files (synthesise the app first, or pass --app)`);
  return files.map(f => ({ group: groupOfFile(f), objects: parseManifests(fs.readFileSync(path.join(dir, f), 'utf8')) as any[] }));
}
