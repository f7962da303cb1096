/**
 * The safe synth's immutable-field check (scripts/synth/immutable.ts): against the previous output
 * folder, only files whose bytes changed are parsed; a changed Deployment selector is reported.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { immutableFieldProblems } from '../../scripts/synth/immutable';

const deployment = (selector: Record<string, string>, pod: Record<string, string> = selector) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'app', labels: pod },
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels: pod }, spec: { containers: [] } } },
});

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'selector-change-')); });
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(dir: string, obj: any): { out: string; objects: any[] } {
  const d = path.join(root, dir);
  fs.mkdirSync(d, { recursive: true });
  const file = path.join(d, 'web.k8s.yaml');
  fs.writeFileSync(file, Yaml.stringify(obj));
  return { out: d, objects: [{ object: obj, file, index: 0 }] };
}

test('fails when the selector of a Deployment in the previous output changed', () => {
  const out = write('dist', deployment({ app: 'web' })).out;
  const next = write('tmp', deployment({ app: 'web', team: 'a' }));
  expect(immutableFieldProblems(out, next.out, next.objects).map(p => p.field)).toEqual(['Deployment app/web: spec.selector']);
});

test('pod labels that changed, an unchanged file, or no previous output: no problem', () => {
  const out = write('dist', deployment({ app: 'web' }, { app: 'web', team: 'a' })).out;
  const next = write('tmp', deployment({ app: 'web' }, { app: 'web', team: 'b' }));
  expect(immutableFieldProblems(out, next.out, next.objects)).toEqual([]);
  const same = write('same', deployment({ app: 'web' }, { app: 'web', team: 'a' }));
  expect(immutableFieldProblems(out, same.out, [{ object: deployment({ app: 'other' }), file: path.join(same.out, 'web.k8s.yaml'), index: 0 }])).toEqual([]);
  expect(immutableFieldProblems(path.join(root, 'none'), next.out, next.objects)).toEqual([]);
});
