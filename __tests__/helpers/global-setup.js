/**
 * jest's global setup: the run's temporary directory (run-tmpdir.js) and, unless only the unit
 * project runs (it starts no process), the scripts compiled to JavaScript (scripts/compile.js)
 * before any integration test starts one: the .js files then stay as they are for the whole run
 * (build-once.ts hashes them with the sources), and no test's output has a compile in it.
 * Plain JavaScript: jest loads it before any transform.
 */
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');
const { setup } = require('./run-tmpdir');

function onlyUnit(argv) {
  const i = argv.indexOf('--selectProjects');
  if (i < 0) return false;
  const names = [];
  for (const a of argv.slice(i + 1)) {
    if (a.startsWith('-')) break;
    names.push(a);
  }
  return names.length > 0 && names.every(n => n === 'unit');
}

module.exports = () => {
  setup();
  // a failed compile (tsc's message above) fails the tests that start a script, not the whole run
  if (!onlyUnit(process.argv)) spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'compile.js')], { stdio: 'inherit' });
};
