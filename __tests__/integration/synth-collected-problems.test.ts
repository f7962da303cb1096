/**
 * `npm run synth` collects every construct's bad input (issue 23: errors a CI can read): one run
 * names both bad constructs, without a stack trace, in stderr and in the `--report` JSON (cdk8s's
 * validation report), and leaves dist/ as it was.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { COMPILE_JS, makeProject, REPO_ROOT, SAFE_SYNTH, seedDist } from '../fixtures/synth-helpers';

const COLLECT_APP = path.join(REPO_ROOT, '__tests__', 'fixtures', 'app', 'collect-app.js');

test('two bad constructs: both in one run, in stderr and in the report, dist/ untouched', () => {
  const project = makeProject({ plugin: false }, COLLECT_APP);
  try {
    const out = path.join(project, 'dist');
    seedDist(out);
    const before = fs.readdirSync(out).sort();
    const report = path.join(project, 'report.json');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
    delete env.CDK8S_OUTDIR;
    const r = spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, '--project', project, '--report', report], { cwd: REPO_ROOT, env, encoding: 'utf-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[fixture\/Web\] .*replicas/);
    expect(r.stderr).toMatch(/\[fixture\/WebNodePort\] .*nodePort.*99999/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(out).sort()).toEqual(before);
    const [app] = JSON.parse(fs.readFileSync(report, 'utf8')).reports;
    expect(app.summary.status).toBe('failure');
    // (the app-wide node-port check reports the out-of-range nodePort too, under cdk8s-expose-checks)
    expect(app.violations.flatMap((v: any) => v.violatingConstructs.map((c: any) => c.constructPath)))
      .toEqual(expect.arrayContaining(['fixture/Web', 'fixture/WebNodePort']));
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});
