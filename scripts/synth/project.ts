/** What the safe synth needs from a project's cdk8s.yaml. */
import * as path from 'path';
import type { SchemaValidatorOptions } from '../../validation-plugin/src/schema-validator';
import { readYamlFile } from './yaml';

export interface ProjectConfig {
  /** The app's entry file (the last script named by cdk8s.yaml's `app` command), absolute. */
  readonly entry?: string;
  /** Validator options of our SchemaValidation plugin, when it is declared. */
  readonly validation?: SchemaValidatorOptions;
  /** Whether cdk8s.yaml declares validation plugins other than ours (they need the CLI). */
  readonly otherPlugins: boolean;
  /** `promote` of the first validation plugin declaring one, as absolute paths. */
  readonly promote?: { readonly from: string; readonly to: string };
}

/** This repository's validation plugin (as scripts/synth-plugin.ts names it, without loading the plugin build). */
const PLUGIN_DIR = path.resolve(__dirname, '..', '..', 'validation-plugin');

interface Validation {
  package?: string;
  class?: string;
  properties?: {
    kubernetesVersions?: string[]; schemasDir?: string; crdFiles?: string[]; crdReleases?: { [project: string]: string };
    promote?: { from?: unknown; to?: unknown };
  };
}

export function readProject(project: string): ProjectConfig {
  const config = (readYamlFile(path.join(project, 'cdk8s.yaml')) ?? {}) as { app?: string; validations?: Validation[] | string };
  const scripts = String(config.app ?? '').split(/\s+/).map(t => t.replace(/^(["'])(.*)\1$/, '$2'))
    .filter(t => /\.(?:ts|js|cjs|mts|mjs)$/.test(t) && !t.startsWith('-'));
  const entry = scripts.length > 0 ? path.resolve(project, scripts[scripts.length - 1]) : undefined;
  const validations = Array.isArray(config.validations) ? config.validations : [];
  const ours = validations.filter(v => v.package !== undefined && path.resolve(project, v.package) === PLUGIN_DIR && v.class === 'SchemaValidation');
  const props = ours[0]?.properties;
  const promote = validations.map(v => v?.properties?.promote).find(p => typeof p?.from === 'string' && typeof p.to === 'string');
  return {
    entry,
    validation: ours.length > 0 ? {
      kubernetesVersions: props?.kubernetesVersions,
      schemasDir: props?.schemasDir ? path.resolve(project, props.schemasDir) : undefined,
      crdFiles: props?.crdFiles,
      crdReleases: props?.crdReleases,
    } : undefined,
    otherPlugins: typeof config.validations === 'string' || validations.length > ours.length,
    promote: promote ? { from: path.resolve(project, promote.from as string), to: path.resolve(project, promote.to as string) } : undefined,
  };
}
