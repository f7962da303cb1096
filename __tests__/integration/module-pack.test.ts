/**
 * The loader's module pack (scripts/module-pack.js) changes nothing a script sees: a run from the
 * pack loads the same modules as Node would, and any change that would make Node load something
 * else (an edited module, a file that now wins a resolution, a changed package.json) is honoured.
 * A tiny project in a temp directory, its own pack cache, plain JavaScript.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../fixtures/synth-helpers';

let dir: string;
let cache: string;
beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-pack-')));
  cache = path.join(dir, 'cache');
  const write = (f: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  };
  write('loader.js', `require(${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'module-pack.js'))}).install(${JSON.stringify(cache)}, __dirname, 'test');\n`);
  write('main.js', [
    '#!/usr/bin/env node',
    "'use strict';",
    "const dep = require('./dep');",
    "const lib = require('lib');",
    "const uni = require('./uni');",
    "const packed = new Error().stack.includes(" + JSON.stringify(cache) + ');',
    `const where = require(${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'module-pack.js'))}).mapStack(new Error().stack).split('\\n')[1];`,
    'const isMain = require.main === module;',
    "require('./dyn')().then(esm => console.log(JSON.stringify({ dep, lib, uni, esm, packed, where, main: isMain, self: typeof require.resolve('./dep') })));",
  ].join('\n'));
  write('dep/index.js', "module.exports = 'dep/index';\n");
  write('dyn.js', "module.exports = () => import('./esm.mjs').then(m => m.default); // import(): loaded by Node, not packed\n");
  write('esm.mjs', "export default 'esm';\n");
  write('uni.js', "module.exports = 'caf\u00e9 \u2192 ok'; // beyond ASCII: loaded by Node, not packed\n");
  write('node_modules/lib/package.json', JSON.stringify({ name: 'lib', main: 'a.js' }));
  write('node_modules/lib/a.js', "module.exports = 'lib/a';\n");
  write('node_modules/lib/b.js', "module.exports = 'lib/b';\n");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(env: NodeJS.ProcessEnv = {}): { dep: string; lib: string; uni: string; esm: string; packed: boolean; main: boolean; where: string } {
  const r = spawnSync(process.execPath, ['-r', './loader.js', 'main.js'], { cwd: dir, encoding: 'utf-8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { dep: string; lib: string; uni: string; esm: string; packed: boolean; main: boolean; where: string };
}

test('the same modules from the pack, and every change that would change what Node loads', () => {
  const first = run();
  expect(first).toEqual({ dep: 'dep/index', lib: 'lib/a', uni: 'caf\u00e9 \u2192 ok', esm: 'esm', packed: false, main: true, self: 'string', where: expect.stringContaining(`${dir}/main.js:7:`) }); // recorded
  // from the pack; a stack mapped back to the module's own file, line and column
  expect(run()).toMatchObject({ dep: 'dep/index', lib: 'lib/a', uni: first.uni, esm: 'esm', packed: true, main: true, where: first.where });
  expect(run()).toMatchObject({ dep: 'dep/index', lib: 'lib/a', esm: 'esm', packed: true }); // with its code cache
  expect(fs.readdirSync(cache).some(f => f.endsWith('.jsc'))).toBe(true);

  // a file that now wins the resolution of './dep' (dep.js before dep/index.js)
  fs.writeFileSync(path.join(dir, 'dep.js'), "module.exports = 'dep.js';\n");
  expect(run()).toMatchObject({ dep: 'dep.js', packed: false });
  expect(run()).toMatchObject({ dep: 'dep.js', lib: 'lib/a', packed: true });

  // an edited module (same size, another modification time)
  fs.writeFileSync(path.join(dir, 'dep.js'), "module.exports = 'DEP.js';\n");
  fs.utimesSync(path.join(dir, 'dep.js'), new Date(), new Date(Date.now() + 5000));
  expect(run()).toMatchObject({ dep: 'DEP.js', packed: false });

  // a package whose main changed
  run();
  fs.writeFileSync(path.join(dir, 'node_modules/lib/package.json'), JSON.stringify({ name: 'lib', main: 'b.js' }));
  expect(run()).toMatchObject({ lib: 'lib/b', packed: false });
  expect(run()).toMatchObject({ lib: 'lib/b', packed: true });

  // switched off
  expect(run({ CDK8S_EXPOSE_MODULE_PACK: 'off' })).toMatchObject({ dep: 'DEP.js', lib: 'lib/b', packed: false });
});
