/**
 * The lab scripts' tests run lab:up/down many times with the same configuration; each run
 * synthesises the lab (`synthLabCharts`: the constructs, the app-wide checks, YAML written and read
 * back), about 0.15 CPU-s, while what the tests check is what the scripts do with the charts. This
 * remembers the synth per (configuration, flavour): the first run of a configuration synthesises;
 * a later one gets the same files written into its own directory and a copy of the same objects.
 *
 * A synth is a pure function of its configuration and flavour (the lab's determinism is tested in
 * synth-safety.test.ts and dist-up-to-date.spec.ts), except with certificates from files (read at
 * synth time): such a configuration is never remembered, and neither is a synth that throws.
 * lab-scripts.spec.ts checks once that a remembered synth equals a fresh one, byte for byte.
 *
 * Used as the module factory of `jest.mock('../../lab/stages', ...)` in the group file that loads
 * the lab specs (this file must not import lab/stages itself: the factory runs while that module is
 * loading).
 */
import * as fs from 'fs';
import * as path from 'path';
import { LabCertificates } from '../../lab/config';

type Stages = typeof import('../../lab/stages');
type Synth = Stages['synthLabCharts'];

/** lab/stages with `synthLabCharts` remembered per (configuration, flavour). */
export function withRememberedSynth(actual: Stages): Stages {
  const remembered = new Map<string, { files: Map<string, Buffer>; result: ReturnType<Synth> }>();
  const synthLabCharts: Synth = (config, outdir, flavour) => {
    const key = config.certificates === LabCertificates.FILES ? undefined : JSON.stringify([config, flavour ?? null]);
    const hit = key === undefined ? undefined : remembered.get(key);
    if (hit) {
      for (const [file, bytes] of hit.files) {
        fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
        fs.writeFileSync(path.join(outdir, file), bytes);
      }
      return { lab: hit.result.lab, charts: structuredClone(hit.result.charts) };
    }
    const before = new Set(listFiles(outdir));
    const result = actual.synthLabCharts(config, outdir, flavour);
    if (key !== undefined) {
      const files = new Map(listFiles(outdir).filter(f => !before.has(f)).map(f => [f, fs.readFileSync(path.join(outdir, f))]));
      remembered.set(key, { files, result: { lab: result.lab, charts: structuredClone(result.charts) } });
    }
    return result;
  };
  return { ...actual, synthLabCharts };
}

/** The files under `dir`, relative to it. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter(d => d.isFile())
    .map(d => path.relative(dir, path.join(d.parentPath ?? d.path, d.name)));
}
