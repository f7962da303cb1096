/**
 * `npm run release:pack`: the release artifact (docs/release.md). Runs `npm pack` (its prepack
 * builds the package: jsii, the validation plugin, the stripped manifest) into `release/`, writes
 * the tarball's SHA-256 beside it in `sha256sum` form (`<hex>  <file>`, checked with
 * `sha256sum -c`), and prints the release notes: the CHANGELOG section of the version, the
 * artifact, its SHA-256 and npm's integrity string. Nothing is published: `npm publish <tarball>`
 * needs the owner's credentials (and the OWNER placeholders filled in, docs/release.md).
 *
 *   npm run release:pack -- [--out release]
 * Exit: 0 packed, 1 failed (npm's message on stderr).
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** The SHA-256 of a file, hex. */
export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The CHANGELOG section of `version` (`## [x.y.z]`), else `## [Unreleased]`; '' when neither exists. */
export function changelogSection(changelog: string, version: string): string {
  const sections = changelog.split(/^(?=## \[)/m);
  const find = (heading: string) => sections.find(s => s.startsWith(`## [${heading}]`));
  return (find(version) ?? find('Unreleased') ?? '').trim();
}

/** The release notes of one packed version: the changes, then the artifact and how to check it. */
export function releaseNotes(version: string, changelog: string, tarball: string, sha256: string, integrity: string): string {
  return [
    `# cdk8s-expose ${version}`,
    '',
    changelogSection(changelog, version),
    '',
    '## Artifact',
    '',
    `- \`${tarball}\` (\`npm pack\`; install with \`npm install ./${tarball}\`)`,
    `- SHA-256: \`${sha256}\` (\`sha256sum -c ${tarball}.sha256\`)`,
    `- npm integrity: \`${integrity}\``,
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const i = argv.indexOf('--out');
  const out = path.resolve(i >= 0 && argv[i + 1] ? argv[i + 1] : path.join(ROOT, 'release'));
  fs.mkdirSync(out, { recursive: true });
  // npm pack strips the lifecycle scripts from package.json and puts them back (scripts/pack-manifest.ts);
  // its backup lives in node_modules/.cache, which other checkouts may share: make sure the manifest is ours again
  const manifest = path.join(ROOT, 'package.json');
  const before = fs.readFileSync(manifest, 'utf8');
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (fs.readFileSync(manifest, 'utf8') !== before) {
    fs.writeFileSync(manifest, before);
    process.stderr.write('release:pack: package.json was not restored as it was after npm pack; put back\n');
  }
  if (r.status !== 0) {
    process.stderr.write(`release:pack: FAILED: npm pack exited with ${r.status}\n`);
    return 1;
  }
  // npm pack --json prints the JSON last (lifecycle scripts may print before it)
  const packed = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0] as { filename: string; integrity: string; version: string };
  const tarball = path.join(out, packed.filename);
  const sha256 = sha256File(tarball);
  fs.writeFileSync(`${tarball}.sha256`, `${sha256}  ${packed.filename}\n`);
  const notes = releaseNotes(packed.version, fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), packed.filename, sha256, packed.integrity);
  fs.writeFileSync(path.join(out, `RELEASE-NOTES-${packed.version}.md`), notes);
  process.stdout.write(notes);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
