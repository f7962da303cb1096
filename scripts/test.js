#!/usr/bin/env node
/**
 * `npm test`: the type-check (package.json's "typecheck" script, scripts/typecheck.js: tsc's build
 * mode, incremental), the lint (package.json's "lint" script: eslint with its cache, eslint.config.mjs)
 * and jest (both projects) at the same time, instead of one after the other. tsc and eslint use one
 * core each while jest starts its workers and runs the first files; on the 2-core machine the serial
 * type-check cost 3 s (warm) to 12 s (cold, CI) of wall time before jest even started.
 *
 * jest's output goes straight to the terminal; tsc's and eslint's are held and printed after jest's,
 * in that order, so they never interleave. The exit code is non-zero when any of the three fails.
 * Arguments go to jest: `npm test -- --selectProjects unit` still type-checks and lints the whole
 * project. Plain JavaScript: nothing to load before the processes start.
 */
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const bin = (...p) => path.join(ROOT, 'node_modules', ...p);

/** The words of a package.json script that is expected to start with `first`. */
function scriptWords(name, first) {
  const script = require(path.join(ROOT, 'package.json')).scripts[name];
  const words = (script ?? '').trim().split(/\s+/);
  if (words[0] !== first) throw new Error(`package.json "${name}" is expected to be a ${first} command, not: ${script}`);
  return words;
}

/** package.json's "typecheck" script (`node <script> ...`) as arguments of this Node (one definition of the type-check). */
function typecheckArgs() {
  return scriptWords('typecheck', 'node').slice(1);
}

/** package.json's "lint" script (`eslint ...`) as arguments of this Node: eslint's own bin (one definition of the lint). */
function lintArgs() {
  return [bin('eslint', 'bin', 'eslint.js'), ...scriptWords('lint', 'eslint').slice(1)];
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

/** A held process's result, after jest's output. */
function report(label, r) {
  if (r.code === 0) {
    process.stderr.write(`${r.out.trim() ? `\n${r.out.trimEnd()}\n` : ''}${label}: no errors (${r.seconds.toFixed(1)} s, beside jest)\n`);
  } else {
    process.stderr.write(`\n${label} FAILED (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${r.out}\n`);
  }
}

async function main() {
  const started = Date.now();
  const held = args => run(args, { stdio: ['ignore', 'pipe', 'pipe'] }).then(r => ({ ...r, seconds: (Date.now() - started) / 1000 }));
  const tscArgs = typecheckArgs();
  const eslintArgs = lintArgs();
  const typecheck = held(tscArgs);
  const lint = held(eslintArgs);
  const jest = run([bin('jest', 'bin', 'jest.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  const [tsc, eslint, tests] = await Promise.all([typecheck, lint, jest]);
  report(`typecheck (node ${tscArgs.join(' ')})`, tsc);
  report(`lint (eslint ${eslintArgs.slice(1).join(' ')})`, eslint);
  process.exitCode = [tests.code, tsc.code, eslint.code].find(code => code !== 0) ?? 0;
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
