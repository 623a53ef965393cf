import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locate } from '../../src/openclaw/locate';

describe('locate', () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-locate-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const env = (extra: Record<string, string | undefined> = {}) => ({ HOME: home, ...extra });

  it('defaults to ~/.openclaw when nothing exists', () => {
    const loc = locate({ env: env(), homedir: '/nope' });
    assert.equal(loc.home, home);
    assert.equal(loc.stateDir, path.join(home, '.openclaw'));
    assert.equal(loc.configPath, path.join(home, '.openclaw', 'openclaw.json'));
    assert.equal(loc.stateDirExists, false);
    assert.equal(loc.configExists, false);
  });

  it('uses an existing ~/.clawdbot (and its openclaw.json) when ~/.openclaw is absent', () => {
    fs.mkdirSync(path.join(home, '.clawdbot'));
    fs.writeFileSync(path.join(home, '.clawdbot', 'openclaw.json'), '{}');
    const loc = locate({ env: env(), homedir: '/nope' });
    assert.equal(loc.stateDir, path.join(home, '.clawdbot'));
    assert.equal(loc.configPath, path.join(home, '.clawdbot', 'openclaw.json'));
    assert.equal(loc.configExists, true);
  });

  it('prefers ~/.openclaw over ~/.clawdbot, and clawdbot.json when openclaw.json is missing', () => {
    fs.mkdirSync(path.join(home, '.clawdbot'));
    fs.mkdirSync(path.join(home, '.openclaw'));
    fs.writeFileSync(path.join(home, '.openclaw', 'clawdbot.json'), '{}');
    const loc = locate({ env: env(), homedir: '/nope' });
    assert.equal(loc.stateDir, path.join(home, '.openclaw'));
    assert.equal(loc.configPath, path.join(home, '.openclaw', 'clawdbot.json'));
    assert.equal(loc.stateDirExists, true);
  });

  it('falls back to a config in ~/.clawdbot when the default state dir has none', () => {
    fs.mkdirSync(path.join(home, '.openclaw'));
    fs.mkdirSync(path.join(home, '.clawdbot'));
    fs.writeFileSync(path.join(home, '.clawdbot', 'clawdbot.json'), '{}');
    assert.equal(locate({ env: env(), homedir: '/nope' }).configPath, path.join(home, '.clawdbot', 'clawdbot.json'));
  });

  it('honours OPENCLAW_STATE_DIR (tilde expanded, trimmed) and ignores default candidates then', () => {
    fs.mkdirSync(path.join(home, '.openclaw'));
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{}');
    const loc = locate({ env: env({ OPENCLAW_STATE_DIR: ' ~/custom ' }), homedir: '/nope' });
    assert.equal(loc.stateDir, path.join(home, 'custom'));
    assert.equal(loc.configPath, path.join(home, 'custom', 'openclaw.json'));
  });

  it('the stateDir setting wins over OPENCLAW_STATE_DIR and the profile', () => {
    const loc = locate({
      env: env({ OPENCLAW_STATE_DIR: '/elsewhere' }),
      homedir: '/nope',
      stateDirOverride: '~/mine',
      profile: 'work',
    });
    assert.equal(loc.stateDir, path.join(home, 'mine'));
  });

  it('a named profile maps to ~/.openclaw-<name>; "default" means no suffix', () => {
    assert.equal(locate({ env: env(), homedir: '/nope', profile: 'work' }).stateDir, path.join(home, '.openclaw-work'));
    assert.equal(locate({ env: env(), homedir: '/nope', profile: 'work' }).profile, 'work');
    assert.equal(locate({ env: env(), homedir: '/nope', profile: 'Default' }).stateDir, path.join(home, '.openclaw'));
    assert.equal(locate({ env: env(), homedir: '/nope', profile: 'default' }).profile, undefined);
  });

  it('OPENCLAW_CONFIG_PATH wins for the config file', () => {
    const loc = locate({ env: env({ OPENCLAW_CONFIG_PATH: '~/cfg/my.json' }), homedir: '/nope' });
    assert.equal(loc.configPath, path.join(home, 'cfg', 'my.json'));
  });

  it('home: OPENCLAW_HOME > HOME > USERPROFILE > os home; blank/"undefined"/"null" are unset', () => {
    assert.equal(locate({ env: { OPENCLAW_HOME: '/oc', HOME: home }, homedir: '/os' }).home, '/oc');
    assert.equal(locate({ env: { OPENCLAW_HOME: '~/sub', HOME: home }, homedir: '/os' }).home, path.join(home, 'sub'));
    assert.equal(
      locate({ env: { OPENCLAW_HOME: '  ', HOME: 'undefined', USERPROFILE: '/up' }, homedir: '/os' }).home,
      '/up',
    );
    assert.equal(locate({ env: { OPENCLAW_HOME: 'null', HOME: '' }, homedir: '/os' }).home, '/os');
    assert.equal(locate({ env: { OPENCLAW_HOME: '/oc' }, homedir: '/os' }).stateDir, path.join('/oc', '.openclaw'));
  });
});
