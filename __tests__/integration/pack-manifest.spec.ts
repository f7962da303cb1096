/**
 * scripts/pack-manifest.ts, which `prepack`/`postpack` run: the packed package.json loses its
 * lifecycle scripts and the repository's gets them back, even when package.json was edited while
 * the tarball was written or an earlier pack died half-way. On copies in a temp directory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIFECYCLE_SCRIPTS, restore, strip } from '../../scripts/pack-manifest';

const ORIGINAL = {
  name: 'x', version: '1.0.0',
  scripts: { build: 'b', prepare: 'npm run build', test: 't', prepack: 'npm run build && strip', postpack: 'restore', postinstall: 'evil' },
  dependencies: { a: '1.0.0' },
};
const text = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;

let dir: string;
let manifest: string;
let backup: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-pack-manifest-'));
  manifest = path.join(dir, 'package.json');
  backup = path.join(dir, 'cache', 'package.json');
  fs.writeFileSync(manifest, text(ORIGINAL));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = () => JSON.parse(fs.readFileSync(manifest, 'utf-8'));

test('strip removes exactly the lifecycle scripts; restore gives back the same bytes', () => {
  strip(manifest, backup);
  expect(read()).toEqual({ ...ORIGINAL, scripts: { build: 'b', test: 't' } });
  expect(Object.keys(read().scripts).filter(s => LIFECYCLE_SCRIPTS.includes(s))).toEqual([]);
  expect(restore(manifest, backup)).toBe(true);
  expect(fs.readFileSync(manifest, 'utf-8')).toBe(text(ORIGINAL));
  expect(fs.existsSync(backup)).toBe(false);
  expect(restore(manifest, backup)).toBe(false); // nothing left to restore
});

test('an edit made while the tarball was written survives the restore', () => {
  strip(manifest, backup);
  fs.writeFileSync(manifest, text({ ...read(), version: '1.0.1', scripts: { ...read().scripts, lint: 'l' }, keywords: ['k'] }));
  restore(manifest, backup);
  expect(read()).toEqual({ ...ORIGINAL, version: '1.0.1', scripts: { ...ORIGINAL.scripts, lint: 'l' }, keywords: ['k'] });
});

test('a pack that died after strip is repaired by the next strip', () => {
  strip(manifest, backup);
  strip(manifest, backup); // the next npm pack
  restore(manifest, backup);
  expect(fs.readFileSync(manifest, 'utf-8')).toBe(text(ORIGINAL));
});
