#!/usr/bin/env node
/**
 * `cdk8s-expose diagram`: draws the exposure topology of any cdk8s app from its synthesised
 * manifests, so that a reviewer sees what a change exposes.
 *
 *   cdk8s-expose diagram [--dir dist] [--app "<cdk8s app command>"] [--out diagrams] [--format svg,dot,mermaid] [--per-file]
 *
 * --dir       directory of synthesised YAML to read (default: dist)
 * --app       run this command first (like cdk8s.yaml's `app`) with CDK8S_OUTDIR set to a
 *             temporary directory, and read that instead of --dir
 * --out       where to write exposure.svg/.dot/.mmd (default: diagrams); `-` prints the DOT or
 *             Mermaid text to stdout instead
 * --format    any of svg, dot, mermaid (default: all three; svg needs @hpcc-js/wasm-graphviz)
 * --per-file  also one picture per manifest file, named after it
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifestDir } from './manifests';
import { GRAPHVIZ_PACKAGE, renderSvg } from './svg';
import { Topology } from './topology';

const FORMATS = ['svg', 'dot', 'mermaid'];
const EXTENSIONS: Record<string, string> = { svg: 'svg', dot: 'dot', mermaid: 'mmd' };

export interface DiagramArgs {
  readonly dir: string;
  readonly app?: string;
  readonly out: string;
  readonly formats: string[];
  readonly explicitFormats: boolean;
  readonly perFile: boolean;
}

export const USAGE = 'usage: cdk8s-expose diagram [--dir dist] [--app "<cdk8s app command>"] [--out diagrams|-] [--format svg,dot,mermaid] [--per-file]';

export function parseDiagramArgs(argv: string[]): DiagramArgs {
  let dir = 'dist';
  let app: string | undefined;
  let out = 'diagrams';
  let formats = FORMATS;
  let explicitFormats = false;
  let perFile = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--dir') dir = value();
    else if (a === '--app') app = value();
    else if (a === '--out') out = value();
    else if (a === '--per-file') perFile = true;
    else if (a === '--format') {
      formats = value().split(',').map(f => f.trim()).filter(Boolean);
      explicitFormats = true;
      const bad = formats.filter(f => !FORMATS.includes(f));
      if (bad.length > 0 || formats.length === 0) throw new Error(`--format: ${bad.join(', ') || '(empty)'}; allowed: ${FORMATS.join(', ')}`);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (out === '-' && formats.includes('svg') && explicitFormats) throw new Error('--out -: prints dot or mermaid text only');
  return { dir, app, out, formats: out === '-' && !explicitFormats ? ['mermaid'] : formats, explicitFormats, perFile };
}

/** Runs the app command with CDK8S_OUTDIR pointing at a new temporary directory; returns it. */
function synthApp(command: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-diagram-'));
  const run = spawnSync(command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CDK8S_OUTDIR: outdir } });
  if (run.status !== 0) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw new Error(`"${command}" exited with ${run.status ?? run.signal}`);
  }
  return outdir;
}

/** What one picture is written from. */
interface Picture { readonly name: string; readonly title: string; readonly topology: Topology }

export async function diagram(args: DiagramArgs, log: (line: string) => void = l => process.stderr.write(`${l}\n`)): Promise<number> {
  const dir = args.app ? synthApp(args.app) : args.dir;
  let topology: Topology;
  try {
    topology = Topology.fromSources(readManifestDir(dir));
  } finally {
    if (args.app) fs.rmSync(dir, { recursive: true, force: true });
  }
  const pictures: Picture[] = [{ name: 'exposure', title: 'exposure', topology }];
  for (const g of args.perFile ? topology.groups : []) {
    const part = topology.forGroup(g);
    if (part.nodes.length > 0) pictures.push({ name: g, title: g, topology: part });
    else log(`${g}: exposes nothing, no picture`);
  }
  if (args.out === '-') {
    for (const p of pictures) for (const f of args.formats) process.stdout.write(f === 'dot' ? p.topology.toDot({ title: p.title }) : p.topology.toMermaid({ title: p.title }));
    return 0;
  }
  let formats = args.formats;
  if (formats.includes('svg')) {
    try {
      await renderSvg('digraph {}');
    } catch (e) {
      if (args.explicitFormats) throw e;
      log(`note: no SVG (${GRAPHVIZ_PACKAGE} is not installed); writing DOT and Mermaid`);
      formats = formats.filter(f => f !== 'svg');
    }
  }
  fs.mkdirSync(args.out, { recursive: true });
  for (const p of pictures) {
    for (const f of formats) {
      const dot = p.topology.toDot({ title: p.title });
      const text = f === 'svg' ? await renderSvg(dot) : f === 'dot' ? dot : p.topology.toMermaid({ title: p.title });
      const file = path.join(args.out, `${p.name}.${EXTENSIONS[f]}`);
      fs.writeFileSync(file, text);
      log(`wrote ${file}`);
    }
  }
  const t = topology;
  log(`${t.entryPoints.length} entry points, ${t.hops.length} hops, ${t.services.length} Services, ${t.pods.length} workloads from ${t.groups.length} files`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'diagram') {
    process.stderr.write(`${USAGE}\n`);
    return command === '--help' || command === '-h' ? 0 : 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return diagram(parseDiagramArgs(rest));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`cdk8s-expose: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
