/**
 * The safe synth validates the lab's objects as they were rendered, without parsing the YAML
 * back: those objects must be exactly what the written files say (same objects, same order, same
 * files and document indexes), each with its own construct path.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExposeApp } from '../../constructs';
import { buildLab, LAB_CONFIG } from '../../lab';
import { synthInProcess } from '../../scripts/synth/in-process';
import { FileYamlCache } from '../../scripts/synth/yaml-cache';
import { readManifests } from '../../validation-plugin/src/schema-validator';
import { REPO_ROOT } from '../fixtures/synth-helpers';

let out: string;
const saved = { outdir: process.env.CDK8S_OUTDIR };
beforeAll(() => { out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-in-process-')); });
afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  if (saved.outdir === undefined) delete process.env.CDK8S_OUTDIR;
  else process.env.CDK8S_OUTDIR = saved.outdir;
});

test('the lab\'s in-memory objects equal its written manifests, with exact construct paths', () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); // the lab's warnings
  let r: ReturnType<typeof synthInProcess>;
  try {
    r = synthInProcess(path.join(REPO_ROOT, 'main.ts'), out);
  } finally {
    stderr.mockRestore();
  }
  expect(r.inMemory).toBe(true);
  expect(r.objects.length).toBeGreaterThan(40);
  const back = readManifests(r.files);
  expect(back.violations).toEqual([]);
  expect(JSON.stringify(r.objects.map(o => [o.file, o.index, o.object])))
    .toBe(JSON.stringify(back.objects.map(o => [o.file, o.index, o.object])));
  expect(r.objects.every(o => typeof o.constructPath === 'string' && o.constructPath.split('/').length >= 2)).toBe(true);
  expect(fs.existsSync(path.join(out, 'construct-metadata.json'))).toBe(false);
  // and what was written is the committed dist/
  for (const f of r.files) expect(fs.readFileSync(f, 'utf-8')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'dist', path.basename(f)), 'utf-8'));
});

test('the YAML cache: the first synth fills it, a second synth of the unchanged lab reads it, a broken one is ignored', () => {
  const file = path.join(out, 'cache', 'yaml.json');
  const synth = () => {
    const cache = new FileYamlCache(file);
    const app = new ExposeApp({ outdir: path.join(out, 'cached'), yamlCache: cache, syncWaves: true }); // as main.ts builds dist/
    buildLab(app, LAB_CONFIG);
    app.synth();
    cache.save();
    return fs.readdirSync(app.outdir).sort().map(f => fs.readFileSync(path.join(app.outdir, f), 'utf-8'));
  };
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const first = synth();
    expect(first).toEqual(fs.readdirSync(path.join(REPO_ROOT, 'dist')).sort().map(f => fs.readFileSync(path.join(REPO_ROOT, 'dist', f), 'utf-8')));
    const entries = Object.keys(JSON.parse(fs.readFileSync(file, 'utf-8')));
    expect(entries).toHaveLength(first.length); // one per file
    fs.utimesSync(file, new Date(0), new Date(0));
    expect(synth()).toEqual(first);
    expect(fs.statSync(file).mtimeMs).toBe(0); // nothing new: not rewritten
    fs.writeFileSync(file, '{ not json');
    expect(synth()).toEqual(first);
    expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf-8')))).toEqual(entries);
  } finally {
    stderr.mockRestore();
  }
});
