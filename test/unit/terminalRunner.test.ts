// The terminal runner starts a program with its argument array: no shell reads the arguments, whatever they hold.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const RUNNER = path.resolve(__dirname, '../../src/terminalRunner.js');

describe('terminal runner', () => {
  it('passes hostile arguments to the program byte for byte and reports its exit code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-runner-'));
    const marker = path.join(dir, 'PWNED');
    const out = path.join(dir, 'argv.json');
    const args = [
      `openai-codex:me\\';touch ${marker};#`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `=touch ${marker}`,
      `a\u2019;touch ${marker}`,
      'x y',
      '"q"',
      '%PATH%',
    ];
    const program = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(1))); process.exit(3)`;
    const r = spawnSync(process.execPath, [RUNNER, process.execPath, '-e', program, ...args], {
      input: '\n',
      encoding: 'utf8',
      env: { ...process.env, OPENCLAW_AUTH_RUNNER_DONE: 'done {0}' },
    });
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /done 3/);
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), args);
    assert.equal(fs.existsSync(marker), false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says when the program cannot start, and waits for Enter', () => {
    const r = spawnSync(process.execPath, [RUNNER, '/nonexistent/openclaw', 'x'], {
      input: '\n',
      encoding: 'utf8',
      env: { ...process.env, OPENCLAW_AUTH_RUNNER_FAILED: 'failed {0}: {1}' },
    });
    assert.equal(r.status, 127);
    assert.match(r.stdout, /failed \/nonexistent\/openclaw: ENOENT/);
  });
});
