// Builds the benchmark homes with the real OpenClaw CLI (run on Node 24: it needs node:sqlite).
// Agents and a few profiles come from the CLI; the bulk of the profiles are copies of the rows the CLI wrote
// (ground truth §2.4), replicated with node:sqlite while no OpenClaw process runs, then CHECKED with the CLI.
// Usage: node24 bench/make-homes.mjs <root> <manifest.json>   (prints progress on stderr)
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import fs from 'node:fs';
import path from 'node:path';
import { paths } from '../scripts/lib/paths.cjs';

const [root, manifestPath] = process.argv.slice(2).map((p) => path.resolve(p));
const NODE24 = process.execPath;
const ENTRY = {
  current: process.env.OPENCLAW_TEST_CLI_CURRENT || paths.entryCurrent,
  legacy: process.env.OPENCLAW_TEST_CLI_LEGACY || paths.entryLegacy,
};
const log = (m) => process.stderr.write(`[homes] ${m}\n`);

export function cliEnv(home) {
  return {
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: path.join(home, '.openclaw'),
    OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    NO_COLOR: '1',
    TZ: 'UTC',
    PATH: `${path.dirname(NODE24)}:/usr/bin:/bin`,
  };
}

function oc(gen, home, args, stdin = '') {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [ENTRY[gen], ...args], {
      env: cliEnv(home),
      cwd: home,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`openclaw ${args.slice(0, 4).join(' ')} exited ${code}: ${err.slice(-500)}`)),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
const json = (out) => JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));

const token = (tag) => `sk-ant-oat01-FAKE-bench-${tag}-`.padEnd(100, 'x');
const apiKey = (tag) => `sk-or-v1-FAKE-bench-${tag}-`.padEnd(64, 'k');
const DAY = 86_400_000;
const agentIds = (n) => ['main', ...Array.from({ length: n - 1 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`)];

/** `count` credentials in the exact shapes paste-token / paste-api-key wrote (§2.4): tokens with and without expiry, api keys. */
function credentials(tag, count, now) {
  const out = {};
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (kind === 2)
      out[`openrouter:${tag}-${i}`] = { type: 'api_key', provider: 'openrouter', key: apiKey(`${tag}-${i}`) };
    else if (kind === 1)
      out[`anthropic:${tag}-${i}`] = { type: 'token', provider: 'anthropic', token: token(`${tag}-${i}`) };
    else
      out[`anthropic:${tag}-${i}`] = {
        type: 'token',
        provider: 'anthropic',
        expires: now + (30 + i) * DAY,
        token: token(`${tag}-${i}`),
      };
  }
  return out;
}

/**
 * The first extra agent comes from `agents add`; the others are its config entry replicated (same shape, own id,
 * workspace and agentDir) and written by the CLI itself in one `config set`: one `agents add` takes 5-40 s.
 */
async function addAgents(gen, home, ids) {
  const [first, ...rest] = ids.filter((a) => a !== 'main');
  if (!first) return;
  await oc(gen, home, [
    'agents',
    'add',
    first,
    '--non-interactive',
    '--workspace',
    path.join(home, `ws-${first}`),
    '--json',
  ]);
  if (!rest.length) return;
  const cfg = JSON.parse(fs.readFileSync(path.join(home, '.openclaw', 'openclaw.json'), 'utf8'));
  const rename = (v, id) => {
    if (typeof v === 'string') {
      if (v === first) return id;
      if (v.endsWith(`/ws-${first}`)) return `${v.slice(0, -first.length)}${id}`;
      if (v.endsWith(`/agents/${first}/agent`)) return `${v.slice(0, -`${first}/agent`.length)}${id}/agent`;
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => rename(x, id));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x, id)]));
    return v;
  };
  if (cfg.agents?.entries?.[first]) {
    const entries = { ...cfg.agents.entries };
    for (const id of rest) entries[id] = rename(cfg.agents.entries[first], id);
    await oc(gen, home, ['config', 'set', 'agents.entries', JSON.stringify(entries)]);
  } else if (Array.isArray(cfg.agents?.list)) {
    const entry = cfg.agents.list.find((a) => a.id === first);
    await oc(gen, home, [
      'config',
      'set',
      'agents.list',
      JSON.stringify([...cfg.agents.list, ...rest.map((id) => rename(entry, id))]),
    ]);
  } else throw new Error(`agents add ${first}: no agents.entries / agents.list in ${home}`);
}

/** Current CLI: shared store (main) + one agent-local store made by the CLI, the rest replicated. */
async function buildCurrent(name, agents, perAgent) {
  const home = path.join(root, name);
  fs.mkdirSync(home, { recursive: true });
  const ids = agentIds(agents);
  await oc(
    'current',
    home,
    [
      'models',
      'auth',
      'paste-token',
      '--provider',
      'anthropic',
      '--profile-id',
      'anthropic:main-0',
      '--expires-in',
      '30d',
    ],
    `${token('main-0')}\n`,
  );
  if (perAgent <= 3)
    await oc(
      'current',
      home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:main-1'],
      `${token('main-1')}\n`,
    );
  // In the bigger homes this row is replaced by the replicated ones below (same id and shape): not worth a CLI call there.
  if (perAgent <= 3)
    await oc(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'openrouter', '--profile-id', 'openrouter:main-2'],
      `${apiKey('main-2')}\n`,
    );
  await addAgents('current', home, ids);
  const stateDir = path.join(home, '.openclaw');
  if (agents > 1) {
    await oc(
      'current',
      home,
      [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--agent',
        'a01',
        '--profile-id',
        'anthropic:a01-0',
        '--expires-in',
        '30d',
      ],
      `${token('a01-0')}\n`,
    );
    await oc('current', home, [
      'models',
      'auth',
      'order',
      'set',
      '--provider',
      'anthropic',
      '--agent',
      'a01',
      'anthropic:a01-0',
    ]);
  }
  const now = Date.now();
  if (perAgent > 3) {
    // Shared store: main's profiles, inherited by every agent.
    const db = new DatabaseSync(path.join(stateDir, 'state', 'openclaw.sqlite'));
    const store = JSON.parse(
      db.prepare("SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.store'").get().value_json,
    );
    Object.assign(store.profiles, credentials('main', perAgent, now));
    db.prepare(
      "UPDATE config_machine_state SET value_json = ?, updated_at_ms = ? WHERE state_key = 'authProfiles.store'",
    ).run(JSON.stringify(store), now);
    db.close();
  }
  if (agents > 1) {
    // Every other agent: a copy of the agent DB the CLI made for a01, with its own `perAgent` credentials whose ids
    // override the inherited ones (local wins per id, §2.1), so each agent sees exactly `perAgent` profiles.
    const template = path.join(stateDir, 'agents', 'a01', 'agent', 'openclaw-agent.sqlite');
    const t = new DatabaseSync(template);
    t.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    t.close();
    for (const id of ids.filter((a) => a !== 'main')) {
      const file = path.join(stateDir, 'agents', id, 'agent', 'openclaw-agent.sqlite');
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      if (id !== 'a01') fs.copyFileSync(template, file);
      fs.chmodSync(file, 0o600);
      const creds = {};
      for (const [pid, c] of Object.entries(credentials('main', perAgent, now)))
        creds[pid] =
          c.type === 'api_key'
            ? { ...c, key: apiKey(`${id}-${pid}`) }
            : { ...c, token: token(`${id}-${pid.split(':')[1]}`) };
      const anthropic = Object.keys(creds)
        .filter((k) => k.startsWith('anthropic:'))
        .slice(0, 3);
      const db = new DatabaseSync(file);
      db.prepare('UPDATE schema_meta SET agent_id = ?').run(id);
      db.prepare("UPDATE auth_profile_store SET store_json = ?, updated_at = ? WHERE store_key = 'primary'").run(
        JSON.stringify({ version: 1, profiles: creds }),
        now,
      );
      db.prepare("UPDATE auth_profile_state SET state_json = ?, updated_at = ? WHERE state_key = 'primary'").run(
        JSON.stringify({ version: 1, order: { anthropic } }),
        now,
      );
      db.close();
    }
  }
  // `auth list` on a home with agents costs ~15 s of CPU: main is checked where it matters most (1x3, 50x200).
  const checkIds = name === 'current-10x50' ? [ids[ids.length - 1]] : [...new Set(['main', ids[ids.length - 1]])];
  return {
    name,
    generation: 'sqlite',
    home,
    stateDir,
    agents: ids,
    perAgent,
    env: cliEnv(home),
    checks: await check('current', home, checkIds, perAgent),
  };
}

/** Legacy CLI (2026.5.28, JSON files; its paste-token has no --agent): the CLI writes main's auth-profiles.json, the others are copies in that shape. */
async function buildLegacy(name, agents, perAgent) {
  const home = path.join(root, name);
  fs.mkdirSync(home, { recursive: true });
  const ids = agentIds(agents);
  await oc(
    'legacy',
    home,
    [
      'models',
      'auth',
      'paste-token',
      '--provider',
      'anthropic',
      '--profile-id',
      'anthropic:main-0',
      '--expires-in',
      '30d',
    ],
    `${token('main-0')}\n`,
  );
  await addAgents('legacy', home, ids);
  const now = Date.now();
  for (const id of ids) {
    const file = path.join(home, '.openclaw', 'agents', id, 'agent', 'auth-profiles.json');
    const store = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { version: 1, profiles: {} };
    // main's ids everywhere (main-0 is the CLI's own entry, replaced by a same-shaped one): N per agent whether or not agents inherit main's file.
    const creds = {};
    for (const [pid, c] of Object.entries(credentials('main', perAgent, now)))
      creds[pid] =
        c.type === 'api_key'
          ? { ...c, key: apiKey(`${id}-${pid}`) }
          : { ...c, token: token(`${id}-${pid.split(':')[1]}`) };
    store.profiles = { ...store.profiles, ...creds };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(store, null, 2) + '\n', { mode: 0o600 });
  }
  return {
    name,
    generation: 'json',
    home,
    stateDir: path.join(home, '.openclaw'),
    agents: ids,
    perAgent,
    env: cliEnv(home),
    checks: await check('legacy', home, [...new Set(['main', ids[ids.length - 1]])], perAgent),
  };
}

/** The real CLI must see every profile of the last agent (and main). */
async function check(gen, home, ids, perAgent) {
  const checks = [];
  for (const id of ids) {
    const listed = json(await oc(gen, home, ['models', 'auth', 'list', '--json', '--agent', id]));
    const count = (listed.profiles ?? []).length;
    checks.push({ agent: id, expected: perAgent, cliCount: count });
    if (count !== perAgent)
      throw new Error(`${path.basename(home)}: the CLI lists ${count} profiles for ${id}, expected ${perAgent}`);
  }
  return checks;
}

const started = Date.now();
fs.mkdirSync(root, { recursive: true });
const timed = async (label, p) => {
  const t = Date.now();
  const r = await p;
  log(`${label} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return r;
};
// Three chains at once (the preamble's cap on CLI processes); each is a handful of CLI calls.
// A finished home is kept (`<name>.done.json`), so a failed run resumes with the homes still missing.
// BENCH_ONLY_HOMES=current-10x50 builds just those (bench/gateway.mjs needs only the 10x50 home).
const ONLY = process.env.BENCH_ONLY_HOMES ? new Set(process.env.BENCH_ONLY_HOMES.split(',')) : undefined;
function once(name, build) {
  if (ONLY && !ONLY.has(name)) return Promise.resolve(undefined);
  const done = path.join(root, `${name}.done.json`);
  if (fs.existsSync(done)) return Promise.resolve(JSON.parse(fs.readFileSync(done, 'utf8')));
  fs.rmSync(path.join(root, name), { recursive: true, force: true });
  return timed(name, build()).then((h) => (fs.writeFileSync(done, JSON.stringify(h)), h));
}
const settled = await Promise.allSettled([
  once('current-1x3', () => buildCurrent('current-1x3', 1, 3)).then(async (s) => [
    s,
    await once('legacy-10x50', () => buildLegacy('legacy-10x50', 10, 50)),
  ]),
  once('current-10x50', () => buildCurrent('current-10x50', 10, 50)),
  once('current-50x200', () => buildCurrent('current-50x200', 50, 200)),
]);
const failed = settled.filter((r) => r.status === 'rejected');
if (failed.length) {
  for (const f of failed) log(f.reason.message);
  process.exit(1);
}
const [[small, legacy], medium, large] = settled.map((r) => r.value);
fs.writeFileSync(
  manifestPath,
  JSON.stringify(
    {
      builtAt: Date.now(),
      buildSeconds: (Date.now() - started) / 1000,
      homes: [small, medium, large, legacy].filter(Boolean),
    },
    null,
    2,
  ),
);
log(`all homes in ${((Date.now() - started) / 1000).toFixed(0)} s`);
