/**
 * Which CRD files of a schemas directory are used: one release per project. A file named
 * `<project>-v<major>.<minor>.<patch>[-<variant>].yaml` (cert-manager-v1.21.1.yaml,
 * gateway-api-v1.6.1-standard.yaml) is release `v<major>.<minor>.<patch>` of project
 * `<project>[-<variant>]`; by default the newest release of each project is used, and
 * `crdReleases` picks another (the one the cluster runs), e.g. `{ 'cert-manager': 'v1.16.5' }`.
 * Files without a version in their name are always used.
 */
import * as fs from 'fs';
import * as path from 'path';

interface CrdRelease {
  readonly file: string;
  readonly project: string;
  readonly version: string;
}

function releaseOf(file: string): CrdRelease | undefined {
  const m = /^(.+?)-(v\d+\.\d+\.\d+)(-[a-z][-a-z0-9]*)?\.ya?ml$/.exec(file);
  return m ? { file, project: `${m[1]}${m[3] ?? ''}`, version: m[2] } : undefined;
}

function compareVersions(a: string, b: string): number {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/**
 * The CRD files of `dir` (`*.yaml`, `*.yml`), sorted, one release per project: `releases[project]`
 * or the newest. Throws for a project or release `releases` names that `dir` does not hold.
 */
export function selectCrdFiles(dir: string, releases: { readonly [project: string]: string } = {}): string[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.yaml') || f.endsWith('.yml')).sort() : [];
  const byProject = new Map<string, CrdRelease[]>();
  const out: string[] = [];
  for (const f of files) {
    const r = releaseOf(f);
    if (!r) out.push(f);
    else byProject.set(r.project, [...(byProject.get(r.project) ?? []), r]);
  }
  const problems: string[] = [];
  for (const [project, wanted] of Object.entries(releases)) {
    const known = byProject.get(project);
    if (!known) problems.push(`crdReleases.${project}: no CRD files of "${project}" in ${dir} (projects: ${[...byProject.keys()].join(', ') || 'none'})`);
    else if (!known.some(r => r.version === wanted)) {
      problems.push(`crdReleases.${project}: ${JSON.stringify(wanted)} is not in ${dir}; allowed: ${known.map(r => r.version).join(', ')}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  for (const [project, list] of byProject) {
    const wanted = releases[project];
    const chosen = wanted !== undefined ? list.find(r => r.version === wanted)! : [...list].sort((a, b) => compareVersions(b.version, a.version))[0];
    out.push(chosen.file);
  }
  return out.sort().map(f => path.join(dir, f));
}
