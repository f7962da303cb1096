#!/usr/bin/env node
/**
 * `npm test`: the type-check (package.json's "typecheck" script, scripts/typecheck.js: tsc's build
 * mode, incremental) and jest (both projects) at the same time, instead of one after the other.
 * tsc uses one core while jest starts its workers and runs the first files; on the 2-core machine
 * the serial type-check cost 3 s (warm) to 12 s (cold, CI) of wall time before jest even started.
 *
 * jest's output goes straight to the terminal; tsc's is held and printed after jest's, so the two
 * never interleave. The exit code is non-zero when either fails. Arguments go to jest:
 * `npm test -- --selectProjects unit` still type-checks the whole project.
 * Plain JavaScript: nothing to load before the two processes start.
 */
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const bin = (...p) => path.join(ROOT, 'node_modules', ...p);

/** package.json's "typecheck" script (`node <script> ...`) as arguments of this Node (one definition of the type-check). */
function typecheckArgs() {
  const script = require(path.join(ROOT, 'package.json')).scripts.typecheck;
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json "typecheck" is expected to be a node command, not: ${script}`);
  return words.slice(1);
}

function run(args, options) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { cwd: ROOT, ...options });
    let out = '';
    child.stdout?.on('data', d => (out += d));
    child.stderr?.on('data', d => (out += d));
    child.on('error', e => resolve({ code: 1, out: `${out}${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), signal, out }));
  });
}

async function main() {
  const started = Date.now();
  const tscArgs = typecheckArgs();
  const typecheck = run(tscArgs, { stdio: ['ignore', 'pipe', 'pipe'] }).then(r => ({ ...r, seconds: (Date.now() - started) / 1000 }));
  const jest = run([bin('jest', 'bin', 'jest.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  const [tsc, tests] = await Promise.all([typecheck, jest]);
  const label = `typecheck (node ${tscArgs.join(' ')})`;
  if (tsc.code === 0) {
    process.stderr.write(`${label}: no errors (${tsc.seconds.toFixed(1)} s, beside jest)\n`);
  } else {
    process.stderr.write(`\n${label} FAILED (exit ${tsc.code}${tsc.signal ? `, ${tsc.signal}` : ''}):\n${tsc.out}\n`);
  }
  process.exitCode = tests.code !== 0 ? tests.code : tsc.code;
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
