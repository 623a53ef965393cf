import * as assert from 'node:assert/strict';
import { commandWords, invocation } from '../../src/openclaw/cli';
import { openclaw, withProfile } from '../../src/openclaw/commands';
import { loginArgv } from '../../src/openclaw/signin';

describe('commands: the argv of every OpenClaw command, in one place', () => {
  it('--profile is the first root flag, added only by withProfile (runs and terminals alike)', () => {
    assert.deepEqual(withProfile('dev', openclaw.check('work')), [
      '--profile',
      'dev',
      ...['models', 'status', '--check', '--agent', 'work'],
    ]);
    assert.deepEqual(withProfile(undefined, openclaw.doctor(true)), ['doctor', '--fix']);
    const cli = { path: '/x/openclaw.mjs', version: '2026.9.6', nodeCandidates: [], node: '/n', script: '/x/o.mjs' };
    assert.deepEqual(invocation(cli, openclaw.onboard(), 'dev'), {
      command: '/n',
      argv: ['/x/o.mjs', '--profile', 'dev', 'onboard'],
    });
  });

  it('positional ids come after every option', () => {
    assert.deepEqual(openclaw.orderSet('anthropic', ['anthropic:a', 'anthropic:b'], 'work'), [
      ...['models', 'auth', 'order', 'set', '--provider', 'anthropic', '--agent', 'work'],
      ...['anthropic:a', 'anthropic:b'],
    ]);
    assert.deepEqual(openclaw.logout('openai:x'), ['models', 'auth', 'logout', '--yes', 'openai:x']);
  });

  it('sign-in and re-authentication share one login argv', () => {
    assert.deepEqual(loginArgv({ provider: 'openai', method: 'oauth', agent: 'main' }), [
      ...['models', 'auth', 'login', '--provider', 'openai', '--method', 'oauth', '--agent', 'main'],
    ]);
    assert.deepEqual(openclaw.login('openai', { profileId: 'openai:me' }, 'main'), [
      ...['models', 'auth', 'login', '--provider', 'openai', '--profile-id', 'openai:me', '--agent', 'main'],
    ]);
  });

  it('errors and logs name the command words only, never an id or a root flag value', () => {
    assert.equal(commandWords(withProfile('dev', openclaw.logout('openai:x'))), 'openclaw models auth logout');
    assert.equal(commandWords(openclaw.orderSet('anthropic', ['anthropic:a'])), 'openclaw models auth order');
    assert.equal(commandWords(openclaw.version()), 'openclaw');
  });
});
