/**
 * jest's test order (jest.config.js `testSequencer`): longest files first, so that the two
 * workers finish together instead of one of them starting a 15 s file last.
 *
 * jest's own sequencer does this from the durations it recorded in its cache, and runs files it
 * has no duration for first, ordered by size. A fresh clone (CI) has no cache: the order was by
 * size, which put the lab-scripts and real-TLS files first and the synth and packaging files,
 * the slowest, late. Here a file without a recorded duration gets an estimate instead: the
 * seconds below for the known slow ones (measured on the 2-core machine), otherwise a default per
 * project plus a little per byte. Recorded durations win, and failed files still run first (jest's rule).
 * Plain JavaScript: jest requires the sequencer without a transform.
 */
'use strict';
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

/** Seconds a file took on the 2-core machine (whole `npm test` runs), for files jest has no duration of. */
const ESTIMATES = {
  'integration/package-consumer.test.ts': 15,
  'integration/synth-safety.test.ts': 10,
  'integration/safe-synth.test.ts': 8,
  'integration/schema-corpus.test.ts': 6,
  'integration/lab-scripts.test.ts': 4,
  'integration/real-tls.test.ts': 3,
  'integration/app-report.test.ts': 2.5,
  'unit/public-api.test.ts': 2.5,
  'integration/readme-examples.test.ts': 2.5,
  'integration/topology-cli.test.ts': 2,
  'integration/lab-verify.test.ts': 2,
  'integration/dist-up-to-date.test.ts': 2,
  'integration/imports-drift.test.ts': 2,
  'integration/jsii-compat.test.ts': 1.5,
  'integration/lab-diagram.test.ts': 1.5,
};
/**
 * Any other file: integration files start processes, unit files do not; within each, the larger
 * file first (jest's own rule without durations): a millisecond per 100 bytes.
 */
const DEFAULT_MS = { integration: 1500, unit: 300 };

function estimate(test) {
  const rel = test.path.split(path.sep).join('/').replace(/^.*\/__tests__\//, '');
  if (ESTIMATES[rel] !== undefined) return ESTIMATES[rel] * 1000;
  const size = test.context.hasteFS.getSize(test.path) ?? 0;
  return (rel.startsWith('integration/') ? DEFAULT_MS.integration : DEFAULT_MS.unit) + size / 100;
}

class LongestFirstSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? estimate(test);
  }
}

module.exports = LongestFirstSequencer;
