/**
 * Validates cert-manager objects against the CRD's openAPIV3Schema (the copy in schemas/crds).
 * Each kind's validator is compiled when an object of that kind is first validated: a test file
 * that checks Certificates does not pay for the Challenge, Order... schemas (ajv's compile is
 * most of this helper's cost).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

type Validate = (obj: unknown) => boolean;

/** `group/version/kind` -> its schema, and the validator once compiled. */
let kinds: Map<string, { schema: object; validate?: Validate }> | undefined;
let ajv: Ajv | undefined;

function load(): Map<string, { schema: object; validate?: Validate }> {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'crds', 'cert-manager-v1.21.1.yaml'), 'utf8');
  const map = new Map<string, { schema: object }>();
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (schema) map.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, { schema });
    }
  }
  return map;
}

function compile(schema: object): Validate {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
  }
  const validate = ajv.compile(schema);
  return (obj: unknown) => {
    const ok = validate(obj) as boolean;
    if (!ok) throw new Error(`${JSON.stringify(obj)}\n${ajv!.errorsText(validate.errors)}`);
    return ok;
  };
}

/** Throws with ajv's errors if `obj` (a cert-manager.io/v1 object) does not match its CRD schema. */
export function expectValidCertManagerObject(obj: any): void {
  kinds ??= load();
  const key = `${obj.apiVersion}/${obj.kind}`;
  const entry = kinds.get(key);
  if (!entry) throw new Error(`no CRD schema for ${key}`);
  entry.validate ??= compile(entry.schema);
  entry.validate(obj);
}
