// Mocha's spec reporter, plus one line per test file at the end: how long its top-level suites took together,
// longest first (the 20 longest). `npm test` and the integration runner use it so a run says where its time went.
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithFileTimes extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    const took = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.parent?.root) started.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const t0 = started.get(suite);
      if (t0 === undefined) return;
      const file = suite.file ? path.basename(suite.file) : suite.title;
      took.set(file, (took.get(file) ?? 0) + Date.now() - t0);
    });
    runner.once(EVENT_RUN_END, () => {
      if (took.size === 0) return;
      console.log('  time per file (longest 20):');
      for (const [file, ms] of [...took].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
        console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
      }
    });
  }
}

module.exports = SpecWithFileTimes;
