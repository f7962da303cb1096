/**
 * A place where ExposeApp keeps the YAML of the manifest files it writes, by their content.
 * cdk8s writes YAML with the `yaml` library, the slowest step of writing a small app (about
 * 20 ms for the lab's 48 KB, warm or cold): a synth whose charts did not change can take each
 * file's YAML from a cache instead.
 *
 * Exact by construction: the key of an entry covers the documents' JSON and the cdk8s version
 * (which bundles its `yaml`), and documents that JSON cannot describe exactly (undefined, -0,
 * NaN, class instances such as Date) are rendered, never looked up.
 */
import * as crypto from 'crypto';
import { Yaml } from 'cdk8s';

/**
 * Where ExposeApp keeps the YAML it rendered (see `ExposeAppProps.yamlCache`). An entry's key
 * names its content exactly, so a cache may keep any entry as long as it likes, share entries
 * between apps, or forget any of them.
 * @experimental
 */
export interface IYamlCache {
  /**
   * The YAML stored under `key`, if any.
   * @param key a content hash (base64url)
   */
  get(key: string): string | undefined;

  /**
   * Stores the YAML rendered for `key`.
   * @param key a content hash (base64url)
   * @param yaml what `Yaml.stringify` returned for the documents `key` names
   */
  set(key: string, yaml: string): void;
}

/** The JSON of `docs` when it describes them exactly, else undefined. */
function exactJson(docs: unknown[]): string | undefined {
  let exact = true;
  const json = JSON.stringify(docs, (_key, value: unknown) => {
    if (value === undefined || (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))) {
      exact = false;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) exact = false;
    } else if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      exact = false;
    }
    return value;
  });
  return exact ? json : undefined;
}

let version: string | undefined;
function cdk8sVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the version is part of every key
  return version ??= (require('cdk8s/package.json') as { version: string }).version;
}

/** `Yaml.stringify(...docs)`, from `cache` when it holds the YAML of the same documents. */
export function yamlOf(docs: unknown[], cache?: IYamlCache): string {
  const json = cache && exactJson(docs);
  if (!cache || json === undefined) return Yaml.stringify(...docs);
  const key = crypto.createHash('sha256').update(`cdk8s ${cdk8sVersion()}\0${json}`).digest('base64url');
  let yaml = cache.get(key);
  if (yaml === undefined) {
    yaml = Yaml.stringify(...docs);
    cache.set(key, yaml);
  }
  return yaml;
}
