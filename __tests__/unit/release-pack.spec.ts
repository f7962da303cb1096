/**
 * npm run release:pack's notes (scripts/release-pack.ts): the version's CHANGELOG section, the
 * tarball's SHA-256 as sha256sum prints it, npm's integrity. The packing itself is npm pack
 * (pack-contents.test.ts checks the tarball).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { changelogSection, releaseNotes, sha256File } from '../../scripts/release-pack';

const CHANGELOG = '# Changelog\n\nintro\n\n## [Unreleased]\n\n### Added\n- new\n\n## [0.1.0] - 2026-01-01\n\n### Added\n- first\n';

test('the section of the version, else Unreleased, else nothing', () => {
  expect(changelogSection(CHANGELOG, '0.1.0')).toBe('## [0.1.0] - 2026-01-01\n\n### Added\n- first');
  expect(changelogSection(CHANGELOG, '0.2.0')).toBe('## [Unreleased]\n\n### Added\n- new');
  expect(changelogSection('# Changelog\n', '0.2.0')).toBe('');
});

test('the notes name the artifact with its SHA-256 and integrity; sha256File is the file\'s SHA-256', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-pack-'));
  try {
    const file = path.join(dir, 'cdk8s-expose-0.1.0.tgz');
    fs.writeFileSync(file, 'tarball bytes');
    const sha = sha256File(file);
    expect(sha).toBe(crypto.createHash('sha256').update('tarball bytes').digest('hex'));
    const notes = releaseNotes('0.1.0', CHANGELOG, 'cdk8s-expose-0.1.0.tgz', sha, 'sha512-abc');
    expect(notes).toContain('# cdk8s-expose 0.1.0\n\n## [0.1.0] - 2026-01-01');
    expect(notes).toContain(`- SHA-256: \`${sha}\` (\`sha256sum -c cdk8s-expose-0.1.0.tgz.sha256\`)`);
    expect(notes).toContain('- npm integrity: `sha512-abc`');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
