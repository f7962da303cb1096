/** Validates cert-manager objects against the CRD's openAPIV3Schema (the copy in schemas/crds). */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

let validators: Map<string, (obj: unknown) => boolean> | undefined;

function load(): Map<string, (obj: unknown) => boolean> {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'crds', 'cert-manager-v1.21.1.yaml'), 'utf8');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const map = new Map<string, (obj: unknown) => boolean>();
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema) continue;
      const validate = ajv.compile(schema);
      map.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, (obj: unknown) => {
        const ok = validate(obj) as boolean;
        if (!ok) throw new Error(`${JSON.stringify(obj)}\n${ajv.errorsText(validate.errors)}`);
        return ok;
      });
    }
  }
  return map;
}

/** Throws with ajv's errors if `obj` (a cert-manager.io/v1 object) does not match its CRD schema. */
export function expectValidCertManagerObject(obj: any): void {
  validators ??= load();
  const key = `${obj.apiVersion}/${obj.kind}`;
  const validate = validators.get(key);
  if (!validate) throw new Error(`no CRD schema for ${key}`);
  validate(obj);
}
