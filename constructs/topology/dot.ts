/** Graphviz DOT for a topology: left to right from the clients to the pods. */
import { Cluster, clustersOf, edgeStyle, legendStyles, nodeStyle } from './styles';
import { TopologyEdge, TopologyNode, TopologyNodeKind, TopologyRenderOptions } from './types';

/**
 * Graphviz sizes boxes from its own metrics of this font (a list of fonts would be measured as
 * Times, the narrowest); the SVG renderer widens the font-family to fallbacks no wider than it.
 */
export const DOT_FONT = 'DejaVu Sans';
const FONT = DOT_FONT;

/** A DOT double-quoted string. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Text for an HTML-like label. */
function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function nodeLine(n: TopologyNode, indent: string): string {
  const s = nodeStyle(n);
  const lines = [`<B>${html(n.label)}</B>`, ...n.details.map(d => `<FONT POINT-SIZE="9">${html(d)}</FONT>`)];
  if (n.terminatesTls) lines.push('<FONT POINT-SIZE="9" COLOR="#1a7f37"><B>TLS ends here</B></FONT>');
  const attrs = [
    `label=<${lines.join('<BR/>')}>`, `shape=${s.shape}`, `fillcolor="${s.fill}"`, `color="${s.stroke}"`,
    ...(n.terminatesTls ? ['peripheries=2'] : []),
  ];
  return `${indent}${quote(n.id)} [${attrs.join(', ')}];`;
}

function clusterLines(c: Cluster, indent: string): string[] {
  return [
    `${indent}subgraph ${quote(`cluster_${c.key}`)} {`,
    `${indent}  label=${quote(c.label)}; style="rounded,dashed"; color="#8c959f"; fontcolor="#424a53";`,
    ...c.nodes.map(n => nodeLine(n, `${indent}  `)),
    ...c.children.flatMap(child => clusterLines(child, `${indent}  `)),
    `${indent}}`,
  ];
}

function edgeLine(e: TopologyEdge): string {
  const s = edgeStyle(e);
  return `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.label)}, color="${s.dotColor}", fontcolor="${s.color}", style=${s.dot}, penwidth=${s.penwidth}];`;
}

/** Line samples in the legend, one per TLS marking (drawn as text, so the legend is one node). */
const SAMPLES: Record<string, string> = {
  solid: '\u2500\u2500\u2500\u2500\u2500', bold: '\u2501\u2501\u2501\u2501\u2501', dashed: '\u2013 \u2013 \u2013 \u2013', dotted: '\u00b7 \u00b7 \u00b7 \u00b7 \u00b7',
};

function legendLines(nodes: TopologyNode[], edges: TopologyEdge[]): string[] {
  const rows = legendStyles(edges).map(s => {
    const sample = s.dotColor.includes(':') ? '\u2550\u2550\u2550\u2550\u2550' : SAMPLES[s.dot];
    return `<TR><TD ALIGN="LEFT"><FONT COLOR="${s.color}"><B>${sample}</B></FONT></TD><TD ALIGN="LEFT">${html(s.legend)}</TD></TR>`;
  });
  const kinds = [...new Set(nodes.map(n => n.kind))];
  const boxes = KIND_ORDER.filter(k => kinds.includes(k)).map(k => {
    const s = nodeStyle({ kind: k } as TopologyNode);
    return `<TR><TD BGCOLOR="${s.fill}" COLOR="${s.stroke}" BORDER="1"> </TD><TD ALIGN="LEFT">${KIND_LEGEND[k]}</TD></TR>`;
  });
  if (nodes.some(n => n.terminatesTls)) boxes.push('<TR><TD BORDER="1" COLOR="#1a7f37"><B>||</B></TD><TD ALIGN="LEFT">double border: TLS ends here</TD></TR>');
  const table = `<TABLE BORDER="1" COLOR="#d0d7de" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2"><TR><TD COLSPAN="2"><B>legend</B></TD></TR>${[...rows, ...boxes].join('')}</TABLE>`;
  return [`  "legend" [shape=plaintext, style="", fontsize=9, margin=0, label=<${table}>];`, '  { rank=sink; "legend"; }'];
}

const KIND_ORDER = [TopologyNodeKind.ENTRY_POINT, TopologyNodeKind.HOP, TopologyNodeKind.SERVICE, TopologyNodeKind.PODS];
const KIND_LEGEND: Record<TopologyNodeKind, string> = {
  [TopologyNodeKind.ENTRY_POINT]: 'entry point (what clients connect to)',
  [TopologyNodeKind.HOP]: 'hop (node, kube-proxy, controller)',
  [TopologyNodeKind.SERVICE]: 'Service',
  [TopologyNodeKind.PODS]: 'pods of a workload',
};

export function renderDot(nodes: TopologyNode[], edges: TopologyEdge[], options: TopologyRenderOptions): string {
  const lines = [
    'digraph "exposure" {',
    `  graph [rankdir=LR, fontname=${quote(FONT)}, fontsize=12, nodesep=0.25, ranksep=0.5, newrank=true${options.title ? `, label=${quote(options.title)}, labelloc=t` : ''}];`,
    `  node [fontname=${quote(FONT)}, fontsize=10, style="rounded,filled", margin="0.14,0.06"];`,
    `  edge [fontname=${quote(FONT)}, fontsize=9, arrowsize=0.7];`,
    ...clustersOf(nodes).flatMap(c => clusterLines(c, '  ')),
    ...edges.map(edgeLine),
    ...(options.legend === false || nodes.length === 0 ? [] : legendLines(nodes, edges)),
    '}',
    '',
  ];
  return lines.join('\n');
}
