// A shim in front of the CLI records its argv: every operation runs against it, and no secret
// ever appears there (secrets go on stdin, which the shim only hashes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clearOrder,
  pasteApiKey,
  pasteToken,
  removeProfile,
  setOrder,
  type OperationContext,
} from '../../../src/openclaw/operations';
import { tmp } from './helpers';

const TOKEN = 'sk-ant-oat01-FAKE-argv-'.padEnd(100, 'z');
const KEY = 'sk-or-v1-FAKE-argv-0123456789abcdef0123456789';

describe('reliability: no secret in argv', function () {
  this.timeout(20_000);
  const dir = tmp('argv');
  const log = path.join(dir, 'argv.log');
  const stdinLog = path.join(dir, 'stdin.log');
  const shim = path.join(dir, 'openclaw');
  fs.writeFileSync(
    shim,
    `#!/bin/bash\nprintf '%s\\0' "$@" >> "${log}"; printf '\\n' >> "${log}"\ncat | sha256sum >> "${stdinLog}"\necho ok\n`,
    { mode: 0o755 },
  );
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('secrets: every operation in operations.ts, several agents and a named profile ⇒ argv holds ids only', async () => {
    const ctx: OperationContext = {
      cli: { path: shim, version: '2026.9.6', nodeCandidates: [] },
      env: { PATH: process.env.PATH },
      profile: 'dev',
      agents: ['main', 'work'],
      defaultAgent: 'main',
    };
    await pasteToken(ctx, {
      provider: 'anthropic',
      token: `  ${TOKEN.slice(0, 50)}\n${TOKEN.slice(50)} `,
      expiresIn: '30d',
      agent: 'work',
    });
    await pasteApiKey(ctx, { provider: 'openrouter', profileId: 'openrouter:k', key: KEY });
    await setOrder(ctx, { provider: 'anthropic', profileIds: ['anthropic:manual', 'anthropic:work'] });
    await clearOrder(ctx, { provider: 'anthropic', agent: 'work' });
    await removeProfile(ctx, { profileId: 'openrouter:k' });
    const calls = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\0').filter(Boolean));
    assert.equal(calls.length, 5);
    const all = calls.flat().join(' ');
    for (const bit of [TOKEN, KEY, TOKEN.slice(0, 30), KEY.slice(0, 20), 'FAKE'])
      assert.ok(!all.includes(bit), `argv holds a secret: ${bit.slice(0, 10)}…`);
    assert.deepEqual(calls[0]?.slice(0, 4), ['--profile', 'dev', 'models', 'auth']);
    assert.ok(
      calls.every((c) => c.includes('--agent')),
      'several agents ⇒ --agent always',
    );
    // The secrets did reach the CLI, on stdin (two of the five calls read one).
    const hashes = fs.readFileSync(stdinLog, 'utf8').trim().split('\n');
    const { createHash } = await import('node:crypto');
    assert.equal(hashes[0]?.split(' ')[0], createHash('sha256').update(`${TOKEN}\n`).digest('hex'));
    assert.equal(hashes[1]?.split(' ')[0], createHash('sha256').update(`${KEY}\n`).digest('hex'));
  });
});
