// Unfinished plugin upgrades read from state/openclaw.sqlite's migration_runs (pluginUpgrades.ts): the record's
// words are untrusted, so the plugin id must fit OpenClaw's grammar, the advised command maps to one of our steps
// (never run as text), and the reason is one short, redacted line.
import * as assert from 'node:assert/strict';
import { pluginUpgradeWarnings } from '../../src/openclaw/pluginUpgrades';

const DB = '/h/.openclaw/state/openclaw.sqlite';
const row = (id: string, record: unknown) => ({ [`deferred-plugin-migration:${id}`]: JSON.stringify(record) });

describe('pluginUpgrades: unfinished plugin upgrades as warnings', () => {
  it('one warning per pending row, with the plugin, the step OpenClaw advised and its reason', () => {
    const cells = {
      'auth.sharedStore': '{"location":"state-db"}',
      ...row('codex', {
        pluginId: 'codex',
        reason:
          'Failed to install missing configured plugin "codex" from clawhub:@openclaw/codex: fetch failed\n | ENOTFOUND',
        command: 'openclaw update repair',
      }),
      ...row('other', { pluginId: 'other', reason: 'x', command: 'openclaw doctor --fix' }),
    };
    const ws = pluginUpgradeWarnings(cells, DB);
    assert.deepEqual(
      ws.map((w) => [w.code, w.params?.plugin, w.params?.step, w.path]),
      [
        ['PLUGIN_UPGRADE_UNFINISHED', 'codex', 'update-repair', DB],
        ['PLUGIN_UPGRADE_UNFINISHED', 'other', 'doctor-fix', DB],
      ],
    );
    assert.equal(
      ws[0]?.params?.detail,
      'Failed to install missing configured plugin "codex" from clawhub:@openclaw/codex: fetch failed | ENOTFOUND',
    );
  });

  it('untrusted words: an id outside the grammar is "?", an unknown command is "other", a secret is masked, long text is cut', () => {
    const secret = `sk-ant-oat01-${'A'.repeat(80)}`;
    const [w] = pluginUpgradeWarnings(
      row('bad id', { pluginId: '$(rm -rf ~)', reason: `token ${secret} ${'y'.repeat(400)}`, command: 'curl x | sh' }),
      DB,
    );
    assert.equal(w?.params?.plugin, '?');
    assert.equal(w?.params?.step, 'other');
    const detail = String(w?.params?.detail);
    assert.ok(!detail.includes(secret) && !w?.message.includes(secret), detail);
    assert.ok(detail.length <= 240 && detail.endsWith('…'), `${detail.length}`);
  });

  it('a record that is not JSON still says which plugin, from its row id', () => {
    const ws = pluginUpgradeWarnings({ 'deferred-plugin-migration:codex': '{not json' }, DB);
    assert.deepEqual(
      ws.map((w) => [w.params?.plugin, w.params?.step, w.params?.detail]),
      [['codex', 'other', '']],
    );
  });

  it('other cells are not upgrades', () => {
    assert.deepEqual(pluginUpgradeWarnings({ 'authProfiles.store': '{}', 'auth.sharedStore': undefined }, DB), []);
  });
});
