/**
 * The cold path: ajv compiles validators from the schemas (and, for the cache, emits them as
 * standalone code). Loaded only when a validator is not in the cache, or with `cacheDir: false`.
 */
import Ajv, { _, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { FORMATS_MODULE, addKubernetesFormats } from './formats';
import { AJV_OPTIONS, crdObjectSchema, k8sSchemaId, readDefinitions } from './schema-prep';
import { collectFormats, strictify } from './strictify';

/** One ajv instance holding every configured Kubernetes version's strict definitions. */
export class SchemaCompiler {
  private readonly ajv: Ajv;

  constructor(schemasDir: string, kubernetesVersions: readonly string[]) {
    this.ajv = new Ajv({
      ...AJV_OPTIONS,
      // source: keep each validator's code for standaloneCode(); formats: where that code finds them.
      code: { source: true, formats: _`require(${FORMATS_MODULE})` },
    });
    addFormats(this.ajv);
    addKubernetesFormats(this.ajv);
    for (const version of kubernetesVersions) {
      const strict = strictify({ definitions: readDefinitions(schemasDir, version) }, false);
      this.ignoreUnknownFormats(strict);
      this.ajv.addSchema({ $id: k8sSchemaId(version), ...(strict as object) });
    }
  }

  private ignoreUnknownFormats(schema: unknown): void {
    const formats = new Set<string>();
    collectFormats(schema, formats);
    for (const f of formats) {
      // The API server ignores formats it does not know; so do we.
      if (!this.ajv.formats[f]) this.ajv.addFormat(f, true);
    }
  }

  /** The validator of a built-in definition of one Kubernetes version. */
  public native(version: string, definition: string): ValidateFunction {
    return this.ajv.compile({ $ref: `${k8sSchemaId(version)}#/definitions/${definition}` });
  }

  /** The validator of one CRD version's objects (metadata as `version`'s ObjectMeta). */
  public crd(version: string, crdSchema: unknown, apiVersion: string, kind: string): ValidateFunction {
    const schema = crdObjectSchema(crdSchema, apiVersion, kind, version);
    this.ignoreUnknownFormats(schema);
    return this.ajv.compile(schema);
  }

  /** CommonJS source of a compiled validator and everything it references. */
  public standalone(fn: ValidateFunction): string {
    return standaloneCode(this.ajv, fn);
  }
}
