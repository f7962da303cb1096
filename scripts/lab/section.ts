/**
 * `--section <id>` for `npm run lab:up`, `lab:verify` and `lab:down`: one section of the seed at a
 * time, as the seed teaches (apply one file, look, curl, delete).
 *
 *   lab:up     --section 9.1   the section's charts and what they need (namespace, cert-manager
 *                              only when a chart has cert-manager objects, the controller, the lab CA)
 *   lab:verify --section 9.1   the section's client checks only (with --print: its commands)
 *   lab:down   --section 9.1   the section's own charts only (what it needs stays for the next)
 *
 * The scripts call these through one line each; lab/sections.ts says what a section needs.
 */
import { App } from 'cdk8s';
import { LabConfig, LabSections } from '../../lab';
import { CaSource, LabCheck, labChecks } from '../../lab/checks';
import { guideCommands, printLine } from '../../lab/guide-commands';
import { findSection, LabSection, needsCertManager, sectionCharts } from '../../lab/sections';
import { ChartManifest } from '../../lab/stages';
import { UsageError } from './common';

/** The option to add to a script's parseArgs options. */
export const SECTION_OPTION = { section: { type: 'string' as const } };

/** The section `--section` names, undefined without the option; a UsageError for an unknown id. */
export function sectionOf(value: string | undefined): LabSection | undefined {
  if (value === undefined) return undefined;
  const found = findSection(value);
  if (typeof found === 'string') throw new UsageError(found);
  return found;
}

/**
 * lab:up's stages for a section: `build` (lab/stages.ts upStages) run on the charts the section
 * needs, without the cert-manager stage when none of them has a cert-manager object.
 */
export function selectUpStages<S extends { readonly name: string }>(value: string | undefined, charts: ChartManifest[],
  build: (charts: ChartManifest[]) => S[]): S[] {
  const section = sectionOf(value);
  if (!section) return build(charts);
  const needed = sectionCharts(section, charts);
  const stages = build(needed);
  return needsCertManager(needed) ? stages : stages.filter(s => !s.name.startsWith('cert-manager'));
}

/** lab:down's charts for a section: its own only (the namespace, the controller and the lab CA stay for other sections). */
export function selectDownCharts(value: string | undefined, charts: ChartManifest[]): ChartManifest[] {
  const section = sectionOf(value);
  if (!section) return charts;
  return charts.filter(c => section.files.some(prefix => c.file.startsWith(prefix)));
}

/** lab:verify's checks for a section. */
export function selectChecks(value: string | undefined, checks: LabCheck[]): LabCheck[] {
  const section = sectionOf(value);
  if (!section) return checks;
  if (!section.checks) throw new UsageError(`--section ${section.id} (${section.title}) has no client checks: it exposes nothing`);
  return checks.filter(c => c.section.startsWith(section.checks!));
}

/** Where lab:verify's checks go: the node, the Ingress hosts' address, and whether the node is a port mapping on this host. */
export interface CheckTarget {
  readonly node: string;
  readonly entry: string;
  /** A loopback `--node` (kind's port mappings): the checks use the mapped ports, as lab:verify runs them. */
  readonly portMapped?: boolean;
}

/**
 * What lab:verify --print prints: every command of the guide (look, the lab CA, the TLS check
 * without the CA, the checks), of one section with --section.
 */
export function printLines(lab: LabSections, config: LabConfig, target: CheckTarget, ca: CaSource, value: string | undefined): string[] {
  const section = sectionOf(value);
  const checks = labChecks(lab, config, target.node, target.entry, target.portMapped ?? false);
  const charts = (lab.hostPort.node.root as App).charts;
  const flavourArg = 'gatewayClass' in lab ? '--flavour gateway' : '';
  return guideCommands(charts, checks, config.namespace, ca, section, flavourArg).map(printLine);
}
