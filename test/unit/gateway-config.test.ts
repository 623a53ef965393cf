// Discovery of the local gateway: port, URL and credential precedence exactly as OpenClaw's CLI resolves them for a
// local call (connection-details.ts, paths.ts resolveGatewayPort, credential-planner.ts + credentials.ts config-first).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_GATEWAY_PORT,
  discoverLocalGateway,
  profilePort,
  resolveLocalGateway,
  sameTarget,
  type GatewayDiscovery,
  type GatewayTarget,
} from '../../src/openclaw/gateway/config';
import type { Location, ParsedConfig } from '../../src/openclaw/model';
import { must } from '../fixtures/must';

const HOME = '/home/u';
const STATE = path.join(HOME, '.openclaw');

function loc(stateDir = STATE): Location {
  return {
    home: HOME,
    stateDir,
    configPath: path.join(stateDir, 'openclaw.json'),
    stateDirExists: true,
    configExists: true,
  };
}
function config(gateway: unknown, envVars: Record<string, string> = {}): ParsedConfig {
  return {
    exists: true,
    auth: { profiles: {}, order: {} },
    agents: [],
    envVars,
    raw: gateway === undefined ? {} : { gateway },
  };
}
/** `.env` files by path; everything else is absent. */
function files(map: Record<string, string> = {}): (file: string) => string {
  return (file) => {
    if (file in map) return must(map[file], 'map[file]');
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  };
}
function target(d: GatewayDiscovery): GatewayTarget {
  assert.equal(d.kind, 'local');
  return (d as { target: GatewayTarget }).target;
}
const resolve = (
  gateway: unknown,
  env: NodeJS.ProcessEnv = {},
  opts: { profile?: string; dotenv?: Record<string, string>; envVars?: Record<string, string>; stateDir?: string } = {},
) => resolveLocalGateway(loc(opts.stateDir), config(gateway, opts.envVars), env, opts.profile, files(opts.dotenv));

describe('gateway discovery: port and URL', () => {
  it('defaults to ws://127.0.0.1:18789', () => {
    const t = target(resolve(undefined));
    assert.equal(t.url, 'ws://127.0.0.1:18789');
    assert.equal(t.port, DEFAULT_GATEWAY_PORT);
    assert.equal(t.portSource, 'default');
    assert.equal(t.bind, 'loopback');
  });

  it('OPENCLAW_GATEWAY_PORT > gateway.port > default; host:port and [v6]:port env forms', () => {
    assert.equal(target(resolve({ port: 19999 })).port, 19999);
    assert.equal(target(resolve({ port: 19999 })).portSource, 'config');
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: '20001' })).port, 20001);
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: '127.0.0.1:20002' })).port, 20002);
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: '[::1]:20003' })).port, 20003);
    // Not a port: ignored, like the CLI's parseGatewayPortEnvValue.
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: 'abc' })).port, 19999);
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: '70000' })).port, 19999);
  });

  it('reads OPENCLAW_GATEWAY_PORT from $STATE/.env when the process has none', () => {
    const t = target(
      resolve({ port: 19999 }, {}, { dotenv: { [path.join(STATE, '.env')]: 'OPENCLAW_GATEWAY_PORT=20004\n' } }),
    );
    assert.equal(t.port, 20004);
    assert.equal(t.portSource, 'env');
  });

  it('a named profile without a port gets its derived port; a configured port still wins; dev is 19001 over the config', () => {
    assert.equal(target(resolve(undefined, {}, { profile: 'dev' })).port, 19001);
    assert.equal(target(resolve({ port: 19999 }, {}, { profile: 'dev' })).port, 19001);
    assert.equal(target(resolve({ port: 19999 }, { OPENCLAW_GATEWAY_PORT: '20005' }, { profile: 'dev' })).port, 20005);
    assert.equal(target(resolve(undefined, {}, { profile: 'work' })).port, profilePort('work'));
    assert.equal(target(resolve({ port: 19999 }, {}, { profile: 'work' })).port, 19999);
    // FNV-1a 32-bit of "work" is 0x5b98d260; 20000 + hash % 40000 (paths.ts resolveGatewayPort).
    assert.equal(profilePort('work'), 41984);
  });

  it('dials loopback whatever gateway.bind says, as the CLI does for a local call', () => {
    for (const bind of ['lan', 'tailnet', 'auto', 'custom']) {
      const t = target(resolve({ bind, port: 18800 }));
      assert.equal(t.url, 'ws://127.0.0.1:18800');
      assert.equal(t.bind, bind);
    }
  });

  it('a mistyped field is ignored on its own: a string port does not hide the token', () => {
    const t = target(resolve({ port: '18800', auth: { token: 'tok-from-config' } }));
    assert.equal(t.port, DEFAULT_GATEWAY_PORT);
    assert.equal(t.token, 'tok-from-config');
  });

  it('remote mode and TLS are not this slice: not-configured with the reason', () => {
    assert.deepEqual(resolve({ mode: 'remote', remote: { url: 'wss://x' } }), {
      kind: 'not-configured',
      reason: 'remote-mode',
      configPath: path.join(STATE, 'openclaw.json'),
    });
    assert.equal((resolve({ tls: { enabled: true } }) as { reason: string }).reason, 'tls');
  });
});

describe('gateway discovery: credentials', () => {
  it('gateway.auth.token > OPENCLAW_GATEWAY_TOKEN > gateway.remote.token', () => {
    const both = target(
      resolve(
        { auth: { mode: 'token', token: 'config-tok' }, remote: { token: 'remote-tok' } },
        { OPENCLAW_GATEWAY_TOKEN: 'env-tok' },
      ),
    );
    assert.equal(both.token, 'config-tok');
    assert.equal(both.credentialSource, 'config');
    const env = target(
      resolve({ auth: { mode: 'token' }, remote: { token: 'remote-tok' } }, { OPENCLAW_GATEWAY_TOKEN: 'env-tok' }),
    );
    assert.equal(env.token, 'env-tok');
    assert.equal(env.credentialSource, 'env');
    const remote = target(resolve({ auth: { mode: 'token' }, remote: { token: 'remote-tok' } }));
    assert.equal(remote.token, 'remote-tok');
    assert.equal(remote.credentialSource, 'remote-config');
  });

  it('the env token: process env > $STATE/.env > config env.vars', () => {
    const dotenv = { [path.join(STATE, '.env')]: 'OPENCLAW_GATEWAY_TOKEN="dotenv-tok"\n' };
    assert.equal(
      target(
        resolve(
          { auth: { mode: 'token' } },
          { OPENCLAW_GATEWAY_TOKEN: 'process-tok' },
          { dotenv, envVars: { OPENCLAW_GATEWAY_TOKEN: 'vars-tok' } },
        ),
      ).token,
      'process-tok',
    );
    assert.equal(
      target(resolve({ auth: { mode: 'token' } }, {}, { dotenv, envVars: { OPENCLAW_GATEWAY_TOKEN: 'vars-tok' } }))
        .token,
      'dotenv-tok',
    );
    assert.equal(
      target(resolve({ auth: { mode: 'token' } }, {}, { envVars: { OPENCLAW_GATEWAY_TOKEN: 'vars-tok' } })).token,
      'vars-tok',
    );
    // Blank, "undefined" and "null" are unset to OpenClaw.
    assert.equal(
      target(resolve({ auth: { mode: 'token' } }, { OPENCLAW_GATEWAY_TOKEN: 'undefined' }, { dotenv })).token,
      'dotenv-tok',
    );
  });

  it('~/.config/openclaw/gateway.env counts only for the default state dir', () => {
    const gatewayEnv = { [path.join(HOME, '.config', 'openclaw', 'gateway.env')]: 'OPENCLAW_GATEWAY_TOKEN=svc-tok\n' };
    assert.equal(target(resolve({ auth: { mode: 'token' } }, {}, { dotenv: gatewayEnv })).token, 'svc-tok');
    assert.equal(
      target(resolve({ auth: { mode: 'token' } }, {}, { dotenv: gatewayEnv, stateDir: '/srv/oc' })).token,
      undefined,
    );
  });

  it('an env SecretRef, $NAME and ${NAME} read that variable; the local ref wins over OPENCLAW_GATEWAY_TOKEN', () => {
    const env = { MY_GW_TOKEN: 'ref-tok', OPENCLAW_GATEWAY_TOKEN: 'env-tok' };
    for (const token of [
      { source: 'env', provider: 'default', id: 'MY_GW_TOKEN' },
      { source: 'env', id: 'MY_GW_TOKEN' },
      '$MY_GW_TOKEN',
      '${MY_GW_TOKEN}',
    ]) {
      const t = target(resolve({ auth: { mode: 'token', token } }, env));
      assert.equal(t.token, 'ref-tok', JSON.stringify(token));
      assert.equal(t.credentialSource, 'config-env-ref');
    }
  });

  it('an unresolvable configured ref falls back to OPENCLAW_GATEWAY_TOKEN, never to the remote token', () => {
    const t = target(
      resolve(
        {
          auth: { mode: 'token', token: { source: 'file', provider: 'vault', id: '/gw' } },
          remote: { token: 'remote-tok' },
        },
        { OPENCLAW_GATEWAY_TOKEN: 'env-tok' },
      ),
    );
    assert.equal(t.token, 'env-tok');
    const none = target(
      resolve({
        auth: { mode: 'token', token: { source: 'file', provider: 'vault', id: '/gw' } },
        remote: { token: 'remote-tok' },
      }),
    );
    assert.equal(none.token, undefined);
    assert.match(none.unresolved ?? '', /gateway\.auth\.token: a file SecretRef/);
    const unset = target(resolve({ auth: { mode: 'token', token: '${NOT_SET_ANYWHERE}' } }));
    assert.match(unset.unresolved ?? '', /NOT_SET_ANYWHERE is not set/);
  });

  it('a literal with a ${VAR} placeholder inside is not a token', () => {
    assert.equal(target(resolve({ auth: { mode: 'token', token: 'abc${OPENCLAW_X}def' } })).token, undefined);
  });

  it('password mode: gateway.auth.password > OPENCLAW_GATEWAY_PASSWORD > gateway.remote.password; no token sent', () => {
    const cfg = { auth: { mode: 'password', token: 'tok', password: 'pw' }, remote: { password: 'rpw' } };
    const t = target(resolve(cfg, { OPENCLAW_GATEWAY_PASSWORD: 'env-pw' }));
    assert.equal(t.password, 'pw');
    assert.equal(t.token, undefined);
    assert.equal(
      target(
        resolve({ auth: { mode: 'password' }, remote: { password: 'rpw' } }, { OPENCLAW_GATEWAY_PASSWORD: 'env-pw' }),
      ).password,
      'env-pw',
    );
    assert.equal(target(resolve({ auth: { mode: 'password' }, remote: { password: 'rpw' } })).password, 'rpw');
  });

  it('auth mode unset: a token wins over a password; with no token the password is used', () => {
    const both = target(resolve({ auth: { token: 'tok', password: 'pw' } }));
    assert.equal(both.token, 'tok');
    assert.equal(both.password, undefined);
    assert.equal(target(resolve({ auth: { password: 'pw' } })).password, 'pw');
  });

  it('auth mode none: no credential at all', () => {
    const t = target(resolve({ auth: { mode: 'none', token: 'tok' } }, { OPENCLAW_GATEWAY_TOKEN: 'env-tok' }));
    assert.equal(t.authMode, 'none');
    assert.equal(t.token, undefined);
  });
});

describe('gateway discovery from disk', () => {
  it('no openclaw.json: not-configured; with one: the target, JSON5 accepted', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-gwcfg-'));
    const env = { HOME: home };
    assert.equal((discoverLocalGateway({ env, homedir: home }) as { reason: string }).reason, 'no-config');
    fs.mkdirSync(path.join(home, '.openclaw'));
    fs.writeFileSync(
      path.join(home, '.openclaw', 'openclaw.json'),
      "{ gateway: { port: 18555, auth: { mode: 'token', token: 'disk-tok', }, }, }\n",
    );
    const t = target(discoverLocalGateway({ env, homedir: home }));
    assert.equal(t.url, 'ws://127.0.0.1:18555');
    assert.equal(t.token, 'disk-tok');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('sameTarget: a new port or token is a new connection; the same ones are not', () => {
    const a = resolve({ port: 18001, auth: { token: 'a' } });
    assert.equal(sameTarget(a, resolve({ port: 18001, auth: { token: 'a' } })), true);
    assert.equal(sameTarget(a, resolve({ port: 18002, auth: { token: 'a' } })), false);
    assert.equal(sameTarget(a, resolve({ port: 18001, auth: { token: 'b' } })), false);
    assert.equal(sameTarget(undefined, a), false);
    assert.equal(sameTarget(resolve({ mode: 'remote' }), resolve({ mode: 'remote' })), true);
  });
});
