// Session pins: entry parsing (OpenClaw's source rule), both store generations, classification against profiles,
// and the re-pin values. The store here is a minimal `session_nodes` table; the interop test (gateway-pins) reads a
// store the real gateway wrote.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  classifyPins,
  legacySessionsPath,
  pinFromEntry,
  pinnedModelRef,
  pinsFromSessionsJson,
  readStorePins,
  repinChatCommand,
  repinTargets,
} from '../../src/openclaw/pins';
import { agentOfSessionKey } from '../../src/openclaw/gateway/pins';
import type { SqliteSource } from '../../src/openclaw/model';
import { createChildSource } from '../../src/openclaw/sqlite';
import type { Profile, Provider } from '../../src/openclaw/types';
import { node24Path } from '../fixtures/openclaw';
import { untranslated } from '../../src/ui/format';
import {
  danglingKey,
  danglingPins,
  danglingSummary,
  pinsFromWords,
  sessionLabel,
  troubledPins,
} from '../../src/ui/pinWords';
import type { Snapshot } from '../../src/openclaw/types';

const NOW = 1_800_000_000_000;
const profile = (id: string, extra: Partial<Profile> = {}): Profile => ({
  id,
  provider: id.split(':')[0] ?? id,
  type: 'token',
  health: 'ok',
  ...extra,
});
const providers: Provider[] = [
  {
    id: 'anthropic',
    order: ['anthropic:work'],
    orderSource: 'automatic',
    sequence: ['anthropic:work'],
    profiles: [
      profile('anthropic:work'),
      profile('anthropic:old', { health: 'expired' }),
      profile('anthropic:hot', { cooldownUntil: NOW + 60_000 }),
      profile('anthropic:cold', { cooldownUntil: NOW - 60_000 }),
      profile('anthropic:off', { disabledUntil: NOW + 60_000, cooldownUntil: NOW + 60_000 }),
      profile('anthropic:declared', { declaredOnly: true, health: 'missing' }),
    ],
  },
];

describe('session pins', () => {
  it('reads a pin and its source as OpenClaw resolves it', () => {
    assert.deepEqual(
      pinFromEntry('agent:main:a', {
        authProfileOverride: ' anthropic:work ',
        authProfileOverrideSource: 'user',
        providerOverride: 'Anthropic',
        modelOverride: 'claude-opus-4-5',
        updatedAt: 5,
      }),
      {
        sessionKey: 'agent:main:a',
        profileId: 'anthropic:work',
        source: 'user',
        provider: 'anthropic',
        model: 'claude-opus-4-5',
        updatedAt: 5,
      },
    );
    // No stored source: a compaction count means an automatic pin, else a user one.
    assert.equal(
      pinFromEntry('k', { authProfileOverride: 'a:b', authProfileOverrideCompactionCount: 2 })?.source,
      'auto',
    );
    assert.equal(pinFromEntry('k', { authProfileOverride: 'a:b' })?.source, 'user');
    assert.equal(
      pinFromEntry('k', { authProfileOverride: 'a:b', authProfileOverrideSource: 'user-link' })?.source,
      'user-link',
    );
    // The override model wins over the last-run model.
    assert.equal(pinFromEntry('k', { authProfileOverride: 'a:b', model: 'm1', modelOverride: 'm2' })?.model, 'm2');
  });

  it('ignores unpinned, blank and malformed entries', () => {
    assert.equal(pinFromEntry('k', {}), undefined);
    assert.equal(pinFromEntry('k', { authProfileOverride: '  ' }), undefined);
    assert.equal(pinFromEntry('k', 'text'), undefined);
    assert.equal(pinFromEntry('k', { authProfileOverride: 7 }), undefined);
    assert.deepEqual(pinsFromSessionsJson('not json'), []);
    assert.deepEqual(pinsFromSessionsJson('[1,2]'), []);
  });

  it('reads a 2026.5 sessions.json', () => {
    const text = JSON.stringify({
      'agent:main:main': { sessionId: 's1', updatedAt: 1 },
      'agent:main:x': { sessionId: 's2', authProfileOverride: 'anthropic:gone', authProfileOverrideSource: 'user' },
    });
    assert.deepEqual(
      pinsFromSessionsJson(text).map((p) => [p.sessionKey, p.profileId]),
      [['agent:main:x', 'anthropic:gone']],
    );
  });

  it('classifies: dangling, disabled, cooldown, expired, ok', () => {
    const raw = ['gone', 'declared', 'off', 'hot', 'cold', 'old', 'work'].map((n) => ({
      sessionKey: `agent:main:${n}`,
      profileId: `anthropic:${n}`,
      source: 'user' as const,
    }));
    assert.deepEqual(
      classifyPins(raw, providers, NOW).map((p) => [p.profileId, p.status, p.provider]),
      [
        ['anthropic:gone', 'dangling', 'anthropic'],
        ['anthropic:declared', 'dangling', 'anthropic'],
        ['anthropic:off', 'disabled', 'anthropic'],
        ['anthropic:hot', 'cooldown', 'anthropic'],
        ['anthropic:cold', 'ok', 'anthropic'],
        ['anthropic:old', 'expired', 'anthropic'],
        ['anthropic:work', 'ok', 'anthropic'],
      ],
    );
  });

  it('offers stored profiles of the same provider, and builds the patch and chat command', () => {
    const [pin] = classifyPins(
      [{ sessionKey: 'k', profileId: 'anthropic:gone', source: 'user', model: 'claude-opus-4-5' }],
      providers,
      NOW,
    );
    assert.ok(pin);
    assert.deepEqual(
      repinTargets(pin, providers).map((p) => p.id),
      ['anthropic:work', 'anthropic:old', 'anthropic:hot', 'anthropic:cold', 'anthropic:off'],
    );
    assert.equal(
      pinnedModelRef('anthropic', 'claude-opus-4-5', 'anthropic:work'),
      'anthropic/claude-opus-4-5@anthropic:work',
    );
    assert.equal(repinChatCommand(pin, 'anthropic:work'), '/model anthropic/claude-opus-4-5@anthropic:work');
    assert.equal(agentOfSessionKey('agent:work:telegram:1'), 'work');
    assert.equal(agentOfSessionKey('global'), undefined);
  });

  it('counts dangling pins for the status bar and keys one notification per pin', () => {
    const pins = classifyPins(
      [
        { sessionKey: 'agent:work:a', profileId: 'anthropic:gone', source: 'user' },
        { sessionKey: 'agent:work:b', profileId: 'anthropic:hot', source: 'auto' },
        { sessionKey: 'agent:work:c', profileId: 'anthropic:work', source: 'user' },
      ],
      providers,
      NOW,
    );
    const snapshot = {
      agents: [{ id: 'work', isDefault: true, agentDir: '/x', providers, pins }],
    } as unknown as Snapshot;
    const dangling = danglingPins(snapshot);
    assert.deepEqual(dangling.map(danglingKey), ['work|agent:work:a|anthropic:gone']);
    assert.equal(troubledPins(snapshot), 2);
    assert.equal(danglingSummary(snapshot, untranslated), '1 session pinned to a removed profile');
    assert.equal(danglingSummary({ agents: [] } as unknown as Snapshot, untranslated), undefined);
    const [first] = pins;
    assert.ok(first);
    assert.equal(sessionLabel(first, 'work'), 'a');
    assert.equal(sessionLabel(first, 'main'), 'agent:work:a');
  });

  it('says which source answered for the pins, in English and Thai (the tooltips)', () => {
    const bundle = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.th.json'), 'utf8'),
    ) as Record<string, string>;
    const thai = (message: string, ...args: (string | number | boolean)[]) => {
      const text = bundle[message];
      assert.ok(text, `no Thai for: ${message}`);
      return untranslated(text, ...args);
    };
    assert.match(pinsFromWords('gateway', untranslated), /running gateway \(sessions\.list and chat\.metadata\)/);
    assert.match(pinsFromWords('store', untranslated), /session store \(read-only\)/);
    // A snapshot made before the field existed reads as the stores.
    assert.equal(pinsFromWords(undefined, untranslated), pinsFromWords('store', untranslated));
    assert.match(pinsFromWords('gateway', thai), /^อ่านจากเกตเวย์/);
    assert.match(pinsFromWords('store', thai), /^อ่านจากที่จัดเก็บเซสชัน/);
  });

  describe('from the stores on disk', function () {
    this.timeout(20_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-pins-'));
    const stateDir = path.join(dir, '.openclaw');
    const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
    let sqlite: SqliteSource | undefined;

    before(async () => {
      fs.mkdirSync(agentDir, { recursive: true });
      const script = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec("PRAGMA user_version=23; CREATE TABLE session_nodes (session_key TEXT PRIMARY KEY, current_session_id TEXT, entry_json TEXT NOT NULL)");
const put = db.prepare('INSERT INTO session_nodes VALUES (?, ?, ?)');
put.run('agent:main:a', 's1', JSON.stringify({ sessionId: 's1', authProfileOverride: 'anthropic:work', authProfileOverrideSource: 'user' }));
put.run('agent:main:b', 's2', JSON.stringify({ sessionId: 's2' }));
put.run('agent:main:c', 's3', '{"authProfileOverride": broken');
db.close();`;
      const r = spawnSync(node24Path(), ['--no-warnings', '-e', script, path.join(agentDir, 'openclaw-agent.sqlite')]);
      assert.equal(r.status, 0, String(r.stderr));
      sqlite = await createChildSource({
        nodeCandidates: [node24Path()],
        readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
      });
      assert.ok(sqlite, 'a Node 24 reader');
    });
    after(() => {
      sqlite?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reads pins from session_nodes; a broken cell is skipped', async () => {
      const pins = await readStorePins(sqlite, stateDir, { id: 'main', agentDir });
      assert.deepEqual(
        pins.map((p) => [p.sessionKey, p.profileId, p.source]),
        [['agent:main:a', 'anthropic:work', 'user']],
      );
    });

    it('falls back to sessions.json when the agent has no database', async () => {
      const file = legacySessionsPath(stateDir, 'old');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ 'agent:old:x': { authProfileOverride: 'openai:gone' } }));
      const pins = await readStorePins(sqlite, stateDir, {
        id: 'old',
        agentDir: path.join(stateDir, 'agents', 'old', 'agent'),
      });
      assert.deepEqual(
        pins.map((p) => p.profileId),
        ['openai:gone'],
      );
      // No reader at all: the JSON file is still read; none there ⇒ no pins, no throw.
      assert.equal((await readStorePins(undefined, stateDir, { id: 'old', agentDir: '/nowhere' })).length, 1);
      assert.deepEqual(await readStorePins(undefined, stateDir, { id: 'none', agentDir: '/nowhere' }), []);
    });
  });
});
