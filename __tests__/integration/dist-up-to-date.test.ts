/**
 * dist/ is committed for `kubectl apply -f dist` and GitOps; this fails when it is stale.
 * Fix: `npm run synth` and commit dist/.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function listYaml(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();
}

test('committed dist/ equals a fresh synth of main.ts, byte for byte', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-dist-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: root,
      env: { ...process.env, CDK8S_OUTDIR: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const fresh = listYaml(out);
    const committed = listYaml(path.join(root, 'dist'));
    expect(committed).toEqual(fresh);
    const stale = fresh.filter(f => !fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(root, 'dist', f))));
    expect({ stale, fix: 'run `npm run synth` and commit dist/' }).toEqual({ stale: [], fix: 'run `npm run synth` and commit dist/' });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
