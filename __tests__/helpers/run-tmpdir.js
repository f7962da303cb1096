/**
 * Every jest run gets a temporary directory of its own, removed when the run ends
 * (jest.config.js `globalSetup` / `globalTeardown`): TMPDIR points there for the workers and the
 * processes the tests start, so os.tmpdir() is inside it.
 *
 * Without it a run left ~5,000 directories in the system's temp directory: cdk8s's
 * `Testing.app()` (and `Testing.chart()`) creates a `cdk8s.outdir.*` directory per call and never
 * removes it. A run that was killed leaves its directory; the next run removes the directories of
 * runs whose process is gone.
 * Plain JavaScript: jest loads it before any transform.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const PREFIX = 'cdk8s-expose-jest-';
const ORIGINAL = 'CDK8S_EXPOSE_TEST_ORIGINAL_TMPDIR';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function setup() {
  const base = os.tmpdir();
  for (const name of fs.readdirSync(base)) {
    const pid = /^cdk8s-expose-jest-(\d+)-/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(base, name), { recursive: true, force: true });
  }
  process.env[ORIGINAL] = process.env.TMPDIR ?? '';
  process.env.TMPDIR = fs.mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
}

function teardown() {
  const dir = process.env.TMPDIR;
  if (dir && path.basename(dir).startsWith(PREFIX)) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env[ORIGINAL]) process.env.TMPDIR = process.env[ORIGINAL];
  else delete process.env.TMPDIR;
  delete process.env[ORIGINAL];
}

module.exports = { setup, teardown };
