import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readClaudeLogin } from '../../src/openclaw/claude';

const NOW = 1_795_600_000_000;
const DAY = 86_400_000;

function home(credentials?: unknown, claudeJson?: unknown, dir = '.claude'): string {
  const h = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-claude-'));
  if (credentials !== undefined) {
    fs.mkdirSync(path.join(h, dir), { recursive: true });
    fs.writeFileSync(
      path.join(h, dir, '.credentials.json'),
      typeof credentials === 'string' ? credentials : JSON.stringify(credentials),
    );
  }
  if (claudeJson !== undefined) fs.writeFileSync(path.join(h, '.claude.json'), JSON.stringify(claudeJson));
  return h;
}

const login = (extra: Record<string, unknown>) => ({
  claudeAiOauth: {
    accessToken: 'sk-ant-oat01-FAKE-access',
    refreshToken: 'sk-ant-ort01-FAKE-refresh',
    expiresAt: NOW + 3 * DAY,
    scopes: ['user:inference'],
    subscriptionType: 'max',
    ...extra,
  },
});

describe('readClaudeLogin', () => {
  it('reads expiry, subscription and email, never the tokens', () => {
    const h = home(login({}), { oauthAccount: { emailAddress: 'me@example.com' } });
    const r = readClaudeLogin({}, h, NOW, DAY);
    assert.deepEqual(r, {
      path: path.join(h, '.claude', '.credentials.json'),
      health: 'ok',
      expiresAt: NOW + 3 * DAY,
      refreshable: true,
      subscriptionType: 'max',
      email: 'me@example.com',
    });
    assert.equal(JSON.stringify(r).includes('FAKE'), false);
  });

  it('expiring / expired like OpenClaw, refresh-less logins like tokens', () => {
    const h1 = home(login({ expiresAt: NOW + 3_600_000 }));
    assert.equal(readClaudeLogin({}, h1, NOW, DAY)?.health, 'expiring');
    const h2 = home(login({ expiresAt: NOW - 1, refreshToken: undefined }));
    const r2 = readClaudeLogin({}, h2, NOW, DAY);
    assert.deepEqual([r2?.health, r2?.refreshable], ['expired', false]);
  });

  it('honours CLAUDE_CONFIG_DIR for both files', () => {
    const h = home(login({}), undefined, 'custom');
    fs.writeFileSync(
      path.join(h, 'custom', '.claude.json'),
      JSON.stringify({ oauthAccount: { emailAddress: 'x@example.com' } }),
    );
    const r = readClaudeLogin({ CLAUDE_CONFIG_DIR: path.join(h, 'custom') }, h, NOW, DAY);
    assert.equal(r?.email, 'x@example.com');
    assert.equal(readClaudeLogin({}, h, NOW, DAY), undefined);
  });

  it('missing file, malformed JSON or no claudeAiOauth ⇒ undefined; bad entry ⇒ missing', () => {
    assert.equal(readClaudeLogin({}, home(), NOW, DAY), undefined);
    assert.equal(readClaudeLogin({}, home('{not json'), NOW, DAY), undefined);
    assert.equal(readClaudeLogin({}, home({ mcpOAuth: {} }), NOW, DAY), undefined);
    const bad = readClaudeLogin({}, home(login({ expiresAt: 'soon' })), NOW, DAY);
    assert.deepEqual([bad?.health, bad?.expiresAt], ['missing', undefined]);
  });
});
