/**
 * validation-plugin/src/atomic-file.ts, the one atomic file write (the validator cache and
 * scripts/pack-manifest.ts use it): whole old or whole new content, no temporary file left behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomically } from '../../validation-plugin/src/atomic-file';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-atomic-file-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes a new file, creating its folder, and replaces an existing one by a new inode', () => {
  const file = path.join(dir, 'a', 'b', 'x.json');
  writeFileAtomically(file, 'one');
  expect(fs.readFileSync(file, 'utf8')).toBe('one');
  // a second name for the old file: an in-place rewrite would show through it
  fs.linkSync(file, path.join(dir, 'old'));
  writeFileAtomically(file, Buffer.from('two'));
  expect(fs.readFileSync(file, 'utf8')).toBe('two');
  expect(fs.readFileSync(path.join(dir, 'old'), 'utf8')).toBe('one');
  expect(fs.readdirSync(path.dirname(file))).toEqual(['x.json']);
});

test('a failed write throws, keeps the target as it was and leaves no temporary file', () => {
  const target = path.join(dir, 'target');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'inside'), 'kept');
  // rename(2) cannot replace a non-empty directory with a file
  expect(() => writeFileAtomically(target, 'new')).toThrow(/EISDIR|ENOTEMPTY|EEXIST|ENOTDIR/);
  expect(fs.readdirSync(dir)).toEqual(['target']);
  expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('kept');
});
