/**
 * SVG from DOT in-process, with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz; no
 * browser, no system binary). Only a devDependency here, not a peer: jsii accepts only jsii
 * modules as peers, so a library user who wants SVG installs it. Not part of the package entry:
 * the command line and scripts use it.
 */

/** The subset of @hpcc-js/wasm-graphviz's Graphviz this module uses. */
interface WasmGraphviz {
  dot(source: string, format?: string): string;
  version(): string;
}

import { DOT_FONT } from './dot';

/** What viewers without DejaVu Sans use instead: Verdana is as wide, the others narrower. */
const SVG_FONTS = 'DejaVu Sans,Verdana,Helvetica,Arial,sans-serif';

export const GRAPHVIZ_PACKAGE = '@hpcc-js/wasm-graphviz';

let loaded: Promise<WasmGraphviz> | undefined;

// A real dynamic import: the package is ESM only and TypeScript's CommonJS output would turn
// `import()` into `require()`.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

/** Loads Graphviz once; rejects with an install hint when the package is missing. */
export function loadGraphviz(): Promise<WasmGraphviz> {
  loaded ??= importEsm(GRAPHVIZ_PACKAGE).then(
    m => m.Graphviz.load() as Promise<WasmGraphviz>,
    (e: unknown) => {
      loaded = undefined;
      throw new Error(`SVG output needs ${GRAPHVIZ_PACKAGE} (npm install --save-dev ${GRAPHVIZ_PACKAGE}): ${(e as Error).message}`);
    });
  return loaded;
}

/** The DOT as an SVG document (deterministic for one Graphviz version). */
export async function renderSvg(dot: string): Promise<string> {
  const graphviz = await loadGraphviz();
  return graphviz.dot(dot, 'svg').split(`font-family="${DOT_FONT}"`).join(`font-family="${SVG_FONTS}"`);
}
