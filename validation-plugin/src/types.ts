/** The shapes the schema validator takes and returns. */

/** One object to validate, with where it came from. */
export interface ManifestObject {
  /** The parsed object. */
  readonly object: unknown;
  /** The manifest file it was read from. */
  readonly file?: string;
  /** Index of the YAML document within `file` (0-based). */
  readonly index?: number;
  /** Construct path of the cdk8s ApiObject that produced it. */
  readonly constructPath?: string;
}

/** One schema violation of one object. */
export interface SchemaViolation {
  readonly file?: string;
  readonly index?: number;
  readonly constructPath?: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The Kubernetes version whose schemas reported it, e.g. `v1.27.0` (`yaml` for a parse error). */
  readonly schema: string;
  /** The schema file that reported it, relative to the schemas directory. */
  readonly source: string;
  /** JSON pointer of the offending value inside the object ('' = the object itself). */
  readonly instancePath: string;
  readonly message: string;
}

/** Options of a `SchemaValidator`. */
export interface SchemaValidatorOptions {
  /** Directory with `kubernetes-<version>.json` and `crds/`. Default: the repo's `schemas/`. */
  readonly schemasDir?: string;
  /** Kubernetes versions to validate against. Default: v1.27.0 and v1.36.0. */
  readonly kubernetesVersions?: readonly string[];
  /**
   * CRD files (relative to `schemasDir` or absolute). Default: `crds/*.yaml`, sorted, the newest
   * release of each project (crd-releases.ts) unless `crdReleases` picks another.
   */
  readonly crdFiles?: readonly string[];
  /**
   * The CRD release of a project to validate against when `crdFiles` is not given: project name
   * (the file name before `-v<version>`) -> version, e.g. `{ 'cert-manager': 'v1.16.5' }` for a
   * cluster running cert-manager 1.16. Default: the newest release in `crds/` of each project.
   */
  readonly crdReleases?: { readonly [project: string]: string };
  /**
   * Where compiled validators are kept between runs (see validator-cache.ts); `false` compiles
   * every validator with ajv in memory, as before the cache existed.
   * Default: `$CDK8S_EXPOSE_CACHE_DIR/validators`, else `node_modules/.cache/cdk8s-expose/validators`
   * of the project holding the schemas.
   */
  readonly cacheDir?: string | false;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
