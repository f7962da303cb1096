/**
 * The YAML cache of the project's synths (`npm run synth`, `cdk8s synth` through
 * scripts/cdk8s-app.ts): ExposeApp's `yamlCache` kept in one JSON file,
 * `node_modules/.cache/cdk8s-expose/yaml.json` (another root with CDK8S_EXPOSE_CACHE_DIR).
 *
 * Read once when a synth first asks, written atomically after it when an entry was new: the
 * entries it used first, then older ones up to MAX_ENTRIES (both lab flavours, recent edits).
 * An unreadable or unwritable cache only costs the YAML rendering.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IYamlCache } from '../../constructs';
import { writeFileAtomically } from '../../validation-plugin/src/atomic-file';

/** How many files' YAML the cache keeps (the most recently used first). */
const MAX_ENTRIES = 256;

export function defaultYamlCacheFile(): string {
  const root = process.env.CDK8S_EXPOSE_CACHE_DIR ?? path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-expose');
  return path.join(root, 'yaml.json');
}

export class FileYamlCache implements IYamlCache {
  private stored?: Map<string, string>;
  private readonly used = new Map<string, string>();
  private added = false;

  constructor(private readonly file = defaultYamlCacheFile()) {}

  public get(key: string): string | undefined {
    const yaml = this.entries().get(key);
    if (yaml !== undefined) this.used.set(key, yaml);
    return yaml;
  }

  public set(key: string, yaml: string): void {
    this.used.set(key, yaml);
    this.added = true;
  }

  /** Writes the cache when a synth added an entry. */
  public save(): void {
    if (!this.added) return;
    const kept = new Map(this.used);
    for (const [key, yaml] of this.entries()) {
      if (kept.size >= MAX_ENTRIES) break;
      if (!kept.has(key)) kept.set(key, yaml);
    }
    try {
      writeFileAtomically(this.file, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // not cached
    }
  }

  private entries(): Map<string, string> {
    if (this.stored) return this.stored;
    this.stored = new Map();
    try {
      const read = JSON.parse(fs.readFileSync(this.file, 'utf-8')) as Record<string, unknown>;
      for (const [key, yaml] of Object.entries(read)) if (typeof yaml === 'string') this.stored.set(key, yaml);
    } catch {
      // not cached yet
    }
    return this.stored;
  }
}
