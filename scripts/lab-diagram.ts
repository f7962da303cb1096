/**
 * `npm run lab:diagram`: the lab's exposure pictures and guide, from the same charts `npm run
 * synth` writes to dist/ (its own command: the synth does not pay for it).
 *
 *   docs/diagrams/<chart>.svg and .mmd   one per section that exposes something
 *   docs/diagrams/lab.svg and .mmd       the whole lab
 *   docs/diagrams/gateway-lab.svg, .mmd  the whole lab as Gateway API (dist-gateway/)
 *   docs/lab-guide.md                    before you start; per section: concept, picture, objects, apply, look, curl, why, the seed, clean up
 *
 * Usage: node -r ./scripts/compile.js scripts/lab-diagram.js [--docs <dir>] [--check]
 *   --docs   write under this directory instead of docs/ (a test writes into a temp dir)
 *   --check  write nothing; exit 1 and name the files that differ from what would be written
 * SVG is rendered in-process by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Topology } from '../constructs';
import { renderSvg } from '../constructs/topology/svg';
import { BACKEND_CA_SECRET, buildGatewayLab, buildLab, LAB_CONFIG } from '../lab';
import { caSource, labChecks } from '../lab/checks';
import { guideCommands } from '../lab/guide-commands';
import { upStages } from '../lab/stages';
import { labGuideSections, renderLabGuide } from './lab-guide';

const ROOT = path.join(__dirname, '..');

/** Every file to write, relative to the docs directory, with its content. */
export async function labDiagramFiles(): Promise<Map<string, string>> {
  const app = new App({ outdir: path.join(ROOT, '.lab-diagram-never-written') });
  const lab = buildLab(app, LAB_CONFIG);
  const topology = Topology.of(app);
  const files = new Map<string, string>();
  const picture = async (name: string, title: string, t: Topology) => {
    files.set(`diagrams/${name}.svg`, await renderSvg(t.toDot({ title })));
    files.set(`diagrams/${name}.mmd`, t.toMermaid({ title }));
  };
  // the commands lab:verify --node '$NODE' --print prints
  const commands = guideCommands(app.charts, labChecks(lab, LAB_CONFIG, '$NODE'), LAB_CONFIG.namespace, caSource(lab, LAB_CONFIG, BACKEND_CA_SECRET));
  const sections = labGuideSections(app, lab, LAB_CONFIG, topology, commands);
  const charts = app.charts.map(c => ({ file: `${c.node.id}.k8s.yaml`, objects: c.toJson() }));
  const setup = { stages: upStages(LAB_CONFIG, charts).map(s => s.name), entryPoints: topology.entryPoints.filter(e => e.port !== undefined && !e.host).map(e => `${e.label} (${e.group})`) };
  await picture('lab', 'the whole lab', topology);
  // the Gateway API flavour (dist-gateway/): Envoy Gateway's data plane sends to the endpoints too
  const gatewayApp = new App({ outdir: path.join(ROOT, '.lab-diagram-never-written') });
  buildGatewayLab(gatewayApp, LAB_CONFIG);
  await picture('gateway-lab', 'the whole lab as Gateway API (Envoy Gateway)', Topology.of(gatewayApp));
  for (const s of sections.filter(x => x.hasPicture)) await picture(s.group, s.title, topology.forGroup(s.group));
  files.set('lab-guide.md', renderLabGuide(sections, setup, 'diagrams/lab.svg'));
  return files;
}

/** The files under `docs` that differ from `files` or that `files` no longer has (what --check names). */
export function staleFiles(files: Map<string, string>, docs: string): string[] {
  const existing = fs.existsSync(path.join(docs, 'diagrams')) ? fs.readdirSync(path.join(docs, 'diagrams')).map(f => `diagrams/${f}`) : [];
  const extra = existing.filter(f => !files.has(f));
  const changed = [...files].filter(([f, text]) => !fs.existsSync(path.join(docs, f)) || fs.readFileSync(path.join(docs, f), 'utf8') !== text).map(([f]) => f);
  return [...changed, ...extra];
}

/**
 * The command; `render` and `log` are parameters so that a test can run --check on files it
 * already has (the bytes of one real run) instead of rendering them all again.
 */
export async function main(
  argv: string[],
  render: () => Promise<Map<string, string>> = labDiagramFiles,
  log: (line: string) => void = line => process.stderr.write(`${line}\n`),
): Promise<number> {
  const check = argv.includes('--check');
  const docsAt = argv.indexOf('--docs');
  const docs = docsAt >= 0 ? path.resolve(argv[docsAt + 1]) : path.join(ROOT, 'docs');
  const t0 = performance.now();
  const files = await render();
  const stale = staleFiles(files, docs);
  if (check) {
    for (const f of stale) log(`lab:diagram: stale ${path.join(path.relative(process.cwd(), docs) || '.', f)}`);
    return stale.length > 0 ? 1 : 0;
  }
  fs.mkdirSync(path.join(docs, 'diagrams'), { recursive: true });
  for (const f of stale) {
    if (files.has(f)) fs.writeFileSync(path.join(docs, f), files.get(f)!);
    else fs.rmSync(path.join(docs, f));
  }
  log(`lab:diagram: ${files.size} files, ${stale.length} changed, in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`lab:diagram: FAILED: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
