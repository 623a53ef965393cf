import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../src/openclaw/cli';
import type { FindCliOptions } from '../../src/openclaw/findCli';
import type { SqliteSource } from '../../src/openclaw/model';
import { OpenClawSession, type SessionSettings } from '../../src/openclaw/session';
import type { SqliteSourceOptions } from '../../src/openclaw/sqlite';
import type { Snapshot } from '../../src/openclaw/types';
import { chosenAgent, settleAgentWarning } from '../../src/ui/agentChoice';

const HOUR = 3_600_000;
const NONE: SessionSettings = { cliPath: '', nodePath: '', stateDir: '', profile: '' };

/** A session over an empty home whose costly parts are counted: how often the CLI is looked for, sources made and ended. */
function counted(home: string, settings: SessionSettings = NONE) {
  const counts = { findCli: 0, created: 0, disposed: 0 };
  const seen: FindCliOptions[] = [];
  const session = new OpenClawSession(settings, {
    env: { HOME: home },
    homedir: home,
    readerScript: '/nowhere/sqlite-reader.js',
    findCli: (opts): Promise<CliInfo> => {
      counts.findCli++;
      seen.push(opts);
      return Promise.resolve({ path: opts.setting ?? '/usr/bin/openclaw', version: '2026.9.6', nodeCandidates: [] });
    },
    createSource: (_opts: SqliteSourceOptions): Promise<SqliteSource> => {
      counts.created++;
      return Promise.resolve({
        kind: 'child-process',
        query: () => Promise.reject(new Error('no database in this test')),
        dispose: () => void counts.disposed++,
      });
    },
  });
  return { session, counts, seen };
}

describe('OpenClawSession', () => {
  let home: string;
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-session-'));
  });
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('a new warning window is an option of the read: no second CLI search, no new reader child', async () => {
    const { session, counts } = counted(home);
    const first = await session.read({ warnWindowMs: 24 * HOUR });
    const second = await session.read({ warnWindowMs: 2 * HOUR });
    assert.deepEqual([first.warnWindowMs, second.warnWindowMs], [24 * HOUR, 2 * HOUR]);
    assert.deepEqual(counts, { findCli: 1, created: 1, disposed: 0 });
    // Settings that pick neither the CLI nor the state (here: none changed) rebuild nothing either.
    assert.equal(session.update({ ...NONE }), false);
    await session.read({ warnWindowMs: HOUR });
    assert.deepEqual(counts, { findCli: 1, created: 1, disposed: 0 });
    session.dispose();
  });

  it('cliPath, nodePath, stateDir or profile rebuild it once, ending the old reader child', async () => {
    const { session, counts, seen } = counted(home);
    await session.read({ warnWindowMs: HOUR });
    let expected = 1;
    for (const change of [
      { cliPath: '/opt/openclaw' },
      { nodePath: '/opt/node' },
      { stateDir: path.join(home, 'state') },
      { profile: 'work' },
    ]) {
      assert.equal(session.update({ ...NONE, ...change }), true, JSON.stringify(change));
      await session.read({ warnWindowMs: HOUR });
      await session.read({ warnWindowMs: 2 * HOUR });
      expected++;
      assert.deepEqual(counts, { findCli: expected, created: expected, disposed: expected - 1 });
    }
    // The state-dir setting reaches the CLI's env and where the reader looks.
    session.update({ ...NONE, stateDir: path.join(home, 'state') });
    const snap = await session.read({ warnWindowMs: HOUR });
    assert.equal(seen.at(-1)?.env.OPENCLAW_STATE_DIR, path.join(home, 'state'));
    assert.equal(snap.stateDir, path.join(home, 'state'));
    assert.equal(session.env().OPENCLAW_STATE_DIR, path.join(home, 'state'));
    session.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(counts.disposed, counts.created);
  });
});

describe("OpenClawSession: the CLI version is not on the first read's path", () => {
  let home: string;
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-session-version-'));
  });
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  /** A CLI whose package says no version (a wrapper script): `--version` answers `answer` when released. */
  function wrapped(answer: string | undefined) {
    const seen: FindCliOptions[] = [];
    let release = (): void => undefined;
    const asked = new Promise<void>((resolve) => (release = resolve));
    let changed = 0;
    const session = new OpenClawSession(NONE, {
      env: { HOME: home },
      homedir: home,
      readerScript: '/nowhere/sqlite-reader.js',
      changed: () => void changed++,
      findCli: (opts): Promise<CliInfo> => {
        seen.push(opts);
        // What findCli does: without deferVersion, the version comes from running it.
        const version = opts.deferVersion ? '' : (answer ?? '2026.9.6');
        return Promise.resolve({ path: '/opt/bin/openclaw', version, nodeCandidates: [] });
      },
      cliVersion: async () => {
        await asked;
        return answer;
      },
      createSource: () => Promise.resolve(undefined),
    });
    return { session, seen, release, changes: () => changed };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('reads at once with the version unknown (no false "too old"), then the next read has it', async () => {
    const { session, seen, release, changes } = wrapped('2026.9.6');
    const first = await session.read({ warnWindowMs: HOUR });
    assert.equal(seen[0]?.deferVersion, true);
    assert.equal(first.cli?.version, '');
    assert.ok(!first.warnings.some((w) => w.code === 'CLI_TOO_OLD' || w.code === 'CLI_MISSING'));
    assert.equal(changes(), 0);
    release();
    await settle();
    assert.equal(changes(), 1, 'the session says the next read differs');
    const second = await session.read({ warnWindowMs: HOUR });
    assert.equal(second.cli?.version, '2026.9.6');
    assert.equal(seen.length, 1, 'no second search');
    session.dispose();
  });

  it('the reader child starts before the CLI is looked for; a Node known only beside the CLI is tried after', async () => {
    const calls: string[] = [];
    const session = new OpenClawSession(NONE, {
      env: { HOME: home, PATH: '/nonexistent' },
      homedir: home,
      readerScript: '/nowhere/sqlite-reader.js',
      findCli: () => {
        calls.push('findCli');
        return Promise.resolve({ path: '/opt/bin/openclaw', version: '2026.9.6', nodeCandidates: ['/opt/bin/node'] });
      },
      createSource: (opts) => {
        calls.push(`source ${opts.nodeCandidates.join(',') || '(none)'}`);
        return Promise.resolve(undefined);
      },
    });
    await session.read({ warnWindowMs: HOUR });
    // The first list is whatever Nodes this machine has in well-known places; the CLI's own comes after the search.
    assert.deepEqual(
      calls.map((c) => c.split(' ')[0]),
      ['source', 'findCli', 'source'],
    );
    assert.equal(calls[2], 'source /opt/bin/node');
    session.dispose();
  });

  it('a CLI that gives no version is looked for again, running --version for every candidate', async () => {
    const { session, seen, release, changes } = wrapped(undefined);
    await session.read({ warnWindowMs: HOUR });
    release();
    await settle();
    assert.equal(changes(), 1);
    await session.read({ warnWindowMs: HOUR });
    assert.deepEqual(
      seen.map((o) => o.deferVersion),
      [true, false],
    );
    session.dispose();
  });
});

describe('agent choice (ui/agentChoice.ts)', () => {
  const snapshot = (defaults: boolean[]): Snapshot =>
    ({
      agents: defaults.map((isDefault, i) => ({ id: ['main', 'work'][i], isDefault, agentDir: '/a', providers: [] })),
      warnings: defaults.some(Boolean) ? [] : [{ code: 'NO_DEFAULT_AGENT', message: '' }],
    }) as unknown as Snapshot;

  it('Select Agent wins over the setting; blank is no choice', () => {
    assert.equal(chosenAgent('work', 'main'), 'work');
    assert.equal(chosenAgent(undefined, ' main '), 'main');
    assert.equal(chosenAgent('', ''), undefined);
  });

  it("a chosen, configured agent settles NO_DEFAULT_AGENT without touching OpenClaw's default", () => {
    const none = snapshot([false, false]);
    const settled = settleAgentWarning(none, 'work');
    assert.deepEqual(settled.warnings, []);
    assert.deepEqual(
      settled.agents.map((a) => a.isDefault),
      [false, false],
    );
    assert.equal(settleAgentWarning(none, 'nope'), none);
    assert.equal(settleAgentWarning(none, undefined), none);
  });
});
