/**
 * The safe synth's check of fields Kubernetes never changes (issue 23): the previous output folder is
 * what was last synthesised; for each file whose bytes changed, its objects are compared with the new
 * ones (selectorChangeProblems). Unchanged files are not parsed, so an unchanged synth costs a byte
 * comparison per file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../../constructs';
import { selectorChangeProblems } from '../../constructs/gitops/immutable-fields';
import { ManifestObject, readManifests } from '../../validation-plugin/src/schema-validator';

/** The immutable-field problems of replacing `out` with `tmp` (whose objects are `objects`). */
export function immutableFieldProblems(out: string, tmp: string, objects: readonly ManifestObject[]): Problem[] {
  if (!fs.existsSync(out)) return [];
  const changed = new Set<string>();
  for (const f of fs.readdirSync(tmp).filter(n => n.endsWith('.yaml') || n.endsWith('.yml'))) {
    const before = path.join(out, f);
    if (fs.existsSync(before) && !fs.readFileSync(before).equals(fs.readFileSync(path.join(tmp, f)))) changed.add(f);
  }
  if (changed.size === 0) return [];
  const previous = readManifests([...changed].map(f => path.join(out, f))).objects.map(o => o.object);
  const next = objects.filter(o => o.file !== undefined && changed.has(path.basename(o.file))).map(o => o.object);
  return selectorChangeProblems(previous, next);
}
