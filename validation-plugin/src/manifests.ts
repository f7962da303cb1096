/**
 * Manifest files and violation reports: reading YAML as kubectl reads it, construct paths from
 * cdk8s's metadata, sorting and formatting violations.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatPointer } from './ajv-errors';
import { ManifestObject, SchemaViolation, isObject } from './types';

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Sorts violations by file, document index, schema, instance path, message (deterministic output). */
export function sortViolations(v: SchemaViolation[]): SchemaViolation[] {
  return v.sort((a, b) => cmp(a.file, b.file) || cmp(a.index, b.index) || cmp(a.schema, b.schema)
    || cmp(a.instancePath, b.instancePath) || cmp(a.message, b.message));
}

/** Construct metadata written by cdk8s (`construct-metadata.json`): object name -> construct path. */
export function readConstructMetadata(dir: string): Record<string, string> {
  const file = path.join(dir, 'construct-metadata.json');
  if (!fs.existsSync(file)) return {};
  const contents = JSON.parse(fs.readFileSync(file, 'utf-8')) as { resources?: Record<string, { path?: string }> };
  const out: Record<string, string> = {};
  for (const [name, m] of Object.entries(contents.resources ?? {})) if (m.path) out[name] = m.path;
  return out;
}

/** All manifest files (`*.yaml`, `*.yml`) under `dir`, recursively, sorted. */
export function findManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml') || e.name.endsWith('.yml')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/**
 * Parses manifest texts the way kubectl does (YAML 1.1, the schema cdk8s writes with; duplicate
 * keys are errors as in kubeconform -strict). Parse errors come back as violations with schema `yaml`.
 *
 * @param texts file name -> its text (the name is only reported)
 * @param constructPaths object name -> construct path (from construct-metadata.json); a name used
 *                       by several objects is ambiguous in cdk8s's metadata and is marked so.
 */
export function parseManifests(
  texts: readonly { file: string; text: string }[], constructPaths: Record<string, string> = {},
): { objects: ManifestObject[]; violations: SchemaViolation[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml'); // not loaded by a synth that validates in memory
  const objects: ManifestObject[] = [];
  const violations: SchemaViolation[] = [];
  for (const { file, text } of texts) {
    const docs = YAML.parseAllDocuments(text, { version: '1.1', uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          violations.push({ file, index, apiVersion: '', kind: '', name: '', schema: 'yaml', source: '', instancePath: '', message: e.message.split('\n')[0] });
        }
        return;
      }
      const object = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (object === null || object === undefined) return; // empty document (e.g. trailing ---)
      objects.push({ object, file, index });
    });
  }
  const counts = new Map<string, number>();
  for (const o of objects) {
    const name = nameOf(o.object);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return {
    objects: objects.map(o => {
      const name = nameOf(o.object);
      const p = name ? constructPaths[name] : undefined;
      if (!p) return o;
      return { ...o, constructPath: (counts.get(name!) ?? 0) > 1 ? `${p} (ambiguous: ${counts.get(name!)} objects are named "${name}")` : p };
    }),
    violations,
  };
}

/** Reads and parses manifest files (see parseManifests). */
export function readManifests(
  files: readonly string[], constructPaths: Record<string, string> = {},
): { objects: ManifestObject[]; violations: SchemaViolation[] } {
  return parseManifests(files.map(file => ({ file, text: fs.readFileSync(file, 'utf-8') })), constructPaths);
}

function nameOf(o: unknown): string | undefined {
  return isObject(o) && isObject(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : undefined;
}

/** Human-readable report, one block per object, identical messages of several versions merged. */
export function formatViolations(violations: readonly SchemaViolation[], relativeTo = process.cwd()): string {
  const blocks = new Map<string, { header: string; lines: Map<string, string[]> }>();
  for (const v of violations) {
    const where = v.file ? `${path.relative(relativeTo, v.file) || v.file}${v.index !== undefined ? ` #${v.index}` : ''}` : (v.index !== undefined ? `object #${v.index}` : 'object');
    const id = `${v.kind || '?'} ${v.namespace ? `${v.namespace}/` : ''}${v.name || '?'}`;
    const header = `${where}: ${id}${v.constructPath ? ` (construct ${v.constructPath})` : ''}`;
    const key = `${v.file}\u0000${v.index}\u0000${id}`;
    let b = blocks.get(key);
    if (!b) blocks.set(key, b = { header, lines: new Map() });
    const line = `${formatPointer(v.instancePath)}: ${v.message}`;
    const versions = b.lines.get(line) ?? [];
    versions.push(v.schema);
    b.lines.set(line, versions);
  }
  const out: string[] = [];
  for (const b of blocks.values()) {
    out.push(b.header);
    for (const [line, versions] of b.lines) out.push(`  [${[...new Set(versions)].join(', ')}] ${line}`);
  }
  return out.join('\n');
}
