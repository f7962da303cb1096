/**
 * Deterministic, readable output: no file in dist/ or dist-gateway/, and no object name or label
 * in them, carries a hash suffix of the kind cdk8s adds to ids that are not DNS labels
 * (`gatewayapi-c8fede09.k8s.yaml`, `web-c8a1b2c3`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const HASHED = /-c8[0-9a-f]{6}\b/;

describe.each(['dist', 'dist-gateway'])('%s/', dir => {
  const files = fs.readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.yaml')).sort();

  test('has files, none with a hash suffix', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter(f => HASHED.test(f))).toEqual([]);
  });

  test('no object name, namespace or label value carries a hash suffix', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(ROOT, dir, f), 'utf8'))) {
        const o = doc.toJS();
        const meta = o?.metadata ?? {};
        for (const v of [meta.name, meta.namespace, ...Object.values(meta.labels ?? {})]) {
          if (typeof v === 'string' && HASHED.test(v)) bad.push(`${f}: ${o.kind} ${meta.name}: ${v}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
