/** A Mermaid flowchart for a topology, for Markdown that renders Mermaid (GitHub, GitLab). */
import { Cluster, clustersOf, EdgeStyle, edgeStyle, legendStyles, nodeStyle } from './styles';
import { TopologyEdge, TopologyNode, TopologyNodeKind, TopologyRenderOptions } from './types';

/** Text inside a quoted Mermaid label. */
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderMermaid(nodes: TopologyNode[], edges: TopologyEdge[], options: TopologyRenderOptions): string {
  const ids = new Map(nodes.map((n, i) => [n.id, `n${i}`] as const));
  const lines: string[] = [];
  if (options.title) lines.push('---', `title: ${JSON.stringify(options.title)}`, '---');
  lines.push('flowchart LR');
  const nodeLine = (n: TopologyNode, indent: string) => {
    const body = [`<b>${text(n.label)}</b>`, ...n.details.map(text), ...(n.terminatesTls ? ['<b>TLS ends here</b>'] : [])].join('<br/>');
    const cls = n.terminatesTls ? `${n.kind.toLowerCase()}Tls` : n.kind.toLowerCase();
    return `${indent}${ids.get(n.id)}["${body}"]:::${cls}`;
  };
  const cluster = (c: Cluster, indent: string): string[] => [
    `${indent}subgraph ${c.key}["${text(c.label)}"]`,
    ...c.nodes.map(n => nodeLine(n, `${indent}  `)),
    ...c.children.flatMap(child => cluster(child, `${indent}  `)),
    `${indent}end`,
  ];
  for (const c of clustersOf(nodes)) lines.push(...cluster(c, '  '));
  const styled: EdgeStyle[] = edges.map(edgeStyle);
  edges.forEach(e => lines.push(`  ${ids.get(e.from)} ${edgeStyle(e).arrow}|"${text(e.label.replace(/\n/g, ' '))}"| ${ids.get(e.to)}`));
  if (options.legend !== false) {
    const used = legendStyles(edges);
    if (used.length > 0) {
      lines.push('  subgraph legend["legend"]');
      used.forEach((m, i) => {
        lines.push(`    legend${i}a[" "]:::legend ${m.arrow}|"${text(m.legend)}"| legend${i}b[" "]:::legend`);
        styled.push(m);
      });
      lines.push('  end');
    }
  }
  styled.forEach((s, i) => {
    lines.push(`  linkStyle ${i} stroke:${s.color},stroke-width:${s.penwidth}px${s.dash ? `,stroke-dasharray:${s.dash}` : ''}`);
  });
  for (const kind of Object.values(TopologyNodeKind)) {
    const s = nodeStyle({ id: '', kind, zone: nodes[0]?.zone, label: '', details: [] } as TopologyNode);
    lines.push(`  classDef ${kind.toLowerCase()} fill:${s.fill},stroke:${s.stroke},color:#1f2328`);
    lines.push(`  classDef ${kind.toLowerCase()}Tls fill:${s.fill},stroke:#1a7f37,stroke-width:3px,color:#1f2328`);
  }
  lines.push('  classDef legend fill:#ffffff,stroke:#ffffff');
  return `${lines.join('\n')}\n`;
}
