/**
 * The safe synth's immutable-field check (scripts/synth/immutable.ts): against the previous output
 * folder, only files whose bytes changed are parsed; a changed Deployment selector is reported, and
 * `npm run synth`'s script refuses it (the fixture app's `selector` mode) unless told otherwise.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { immutableFieldProblems } from '../../scripts/synth/immutable';
import * as helpers from '../fixtures/synth-helpers';

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

describe('npm run synth refuses a changed selector against the dist/ it replaces', () => {
  test('fails (exit 2, dist/ untouched, the object and field named, no stack trace); --allow-selector-change accepts it', () => {
    const project = helpers.makeProject({ plugin: false });
    try {
      expect(helpers.runSafeSynth(project, 'good').code).toBe(0);
      const before = helpers.treeDigest(path.join(project, 'dist'));
      const refused = helpers.runSafeSynth(project, 'selector');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('Deployment web: spec.selector: changed from {"matchLabels":{"app":"web"}} to {"matchLabels":{"app":"web","team":"a"}}');
      expect(refused.stderr).not.toMatch(/^\s+at /m);
      expect(helpers.treeDigest(path.join(project, 'dist'))).toEqual(before);
      const env: NodeJS.ProcessEnv = { ...process.env, FIXTURE_MODE: 'selector', CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
      delete env.CDK8S_OUTDIR;
      delete env.CDK8S_RECORD_CONSTRUCT_METADATA;
      const accepted = spawnSync(process.execPath, ['-r', helpers.COMPILE_JS, helpers.SAFE_SYNTH, '--project', project, '--allow-selector-change'],
        { cwd: helpers.REPO_ROOT, env, encoding: 'utf-8' });
      expect([accepted.status, accepted.stderr]).toEqual([0, expect.stringContaining('replaced atomically')]);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
