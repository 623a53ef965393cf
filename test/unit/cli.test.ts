import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CliError,
  compareVersions,
  parseCliVersion,
  runCli,
  runCliJson,
  runCliOk,
  type CliInfo,
} from '../../src/openclaw/cli';
import { findCli } from '../../src/openclaw/findCli';

const SECRET = 'sk-ant-oat01-FAKE-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123456789abcdefghij';

// One fake `openclaw`: its behaviour comes from FAKE_MODE; it records argv (never stdin) in FAKE_ARGV.
const FAKE = `#!/bin/bash
printf '%s\\n' "$@" > "$FAKE_ARGV"
case "$FAKE_MODE" in
  version) echo "OpenClaw 2026.9.6 (eb377ac)" ;;
  env) printf '{"noColor":"%s","noUpdate":"%s","mine":"%s"}\\n' "$NO_COLOR" "$OPENCLAW_NO_AUTO_UPDATE" "$MINE" ;;
  sleep) sleep 30 & echo $! > "$FAKE_CHILD"; wait ;;
  crash) echo "Installed Gateway service state and config paths could not be verified. Inspect it." >&2
         printf '\\033[31mError: Auth profile "anthropic:nope" not found\\033[0m\\n' >&2; exit 3 ;;
  leak) cat >&2; exit 1 ;;
  nonjson) echo "hello there" ;;
  banner) echo "OpenClaw banner"; echo "  more banner"; echo '{"ok":true,'; echo ' "n":[1,2]}' ;;
  huge) head -c 2000000 /dev/zero | tr '\\0' a ;;
  stdin) sum=$(sha256sum | cut -d' ' -f1); printf '{"sha256":"%s"}\\n' "$sum" ;;
esac
`;

let dir: string;
let cli: CliInfo;
const argvFile = (): string => path.join(dir, 'argv.txt');
const env = (mode: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  FAKE_MODE: mode,
  FAKE_ARGV: argvFile(),
  FAKE_CHILD: path.join(dir, 'child.pid'),
  ...extra,
});

async function rejectsWith(p: Promise<unknown>, code: string): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CliError, String(e));
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected CliError ${code}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runCli', function () {
  this.timeout(20_000);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-cli-'));
    fs.writeFileSync(path.join(dir, 'openclaw'), FAKE, { mode: 0o755 });
    cli = { path: path.join(dir, 'openclaw'), version: '2026.9.6', nodeCandidates: [] };
  });

  it('passes NO_COLOR and OPENCLAW_NO_AUTO_UPDATE on top of the caller env', async () => {
    assert.deepEqual(await runCliJson(cli, ['models', 'status', '--json'], { env: env('env', { MINE: 'yes' }) }), {
      noColor: '1',
      noUpdate: '1',
      mine: 'yes',
    });
  });

  it('delivers the secret on stdin only, never in argv', async () => {
    const args = ['models', 'auth', 'paste-token', '--provider', 'anthropic'];
    const out = await runCliJson(cli, args, { env: env('stdin'), stdin: `${SECRET}\n` });
    assert.deepEqual(out, { sha256: createHash('sha256').update(`${SECRET}\n`).digest('hex') });
    const argv = fs.readFileSync(argvFile(), 'utf8');
    assert.equal(argv, `${args.join('\n')}\n`);
    assert.equal(argv.includes('FAKE'), false);
  });

  it('times out and kills the whole process tree', async () => {
    const started = Date.now();
    const err = await rejectsWith(runCli(cli, ['models', 'status'], { env: env('sleep'), timeoutMs: 500 }), 'TIMEOUT');
    assert.ok(Date.now() - started < 5000);
    assert.match(err.message, /did not finish/);
    const childPid = Number(fs.readFileSync(path.join(dir, 'child.pid'), 'utf8'));
    for (let i = 0; i < 40 && alive(childPid); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(childPid), false, 'grandchild still running');
  });

  it('cancels via AbortSignal', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await rejectsWith(runCli(cli, ['models', 'status'], { env: env('sleep'), signal: ac.signal }), 'CANCELLED');
    await rejectsWith(runCli(cli, ['x'], { env: env('version'), signal: AbortSignal.abort() }), 'CANCELLED');
  });

  it('reports a crash with exit code and the last meaningful stderr line, ANSI-free', async () => {
    const raw = await runCli(cli, ['models', 'auth', 'order', 'set'], { env: env('crash') });
    assert.equal(raw.code, 3);
    const err = await rejectsWith(runCliOk(cli, ['models', 'auth', 'order', 'set'], { env: env('crash') }), 'EXIT');
    assert.equal(err.exitCode, 3);
    assert.match(
      err.message,
      /^openclaw models auth order failed \(exit 3\): Auth profile "anthropic:nope" not found$/,
    );
    assert.equal(err.reason, 'Auth profile "anthropic:nope" not found');
    assert.equal(err.message.includes('\u001b'), false);
    assert.equal(err.message.includes('Gateway service'), false);
  });

  it('redacts a secret the CLI echoes back in its error', async () => {
    const err = await rejectsWith(
      runCliOk(cli, ['models', 'auth', 'paste-token'], { env: env('leak'), stdin: SECRET }),
      'EXIT',
    );
    assert.equal(err.message.includes(SECRET), false);
    assert.equal(err.message.includes('secret-0123456789'), false);
    assert.match(err.message, /sk-ant-o\.\.\.\w{8}/);
  });

  it('rejects non-JSON stdout with BAD_JSON', async () => {
    const err = await rejectsWith(runCliJson(cli, ['models', 'status', '--json'], { env: env('nonjson') }), 'BAD_JSON');
    assert.equal(err.message.includes('hello'), false);
  });

  it('skips banner lines before the JSON', async () => {
    assert.deepEqual(await runCliJson(cli, ['models', 'status', '--json'], { env: env('banner') }), {
      ok: true,
      n: [1, 2],
    });
  });

  it('stops output beyond the cap with OUTPUT_TOO_LARGE', async () => {
    await rejectsWith(runCli(cli, ['x'], { env: env('huge'), maxOutputBytes: 1_000_000 }), 'OUTPUT_TOO_LARGE');
    const ok = await runCli(cli, ['x'], { env: env('huge') });
    assert.equal(ok.stdout.length, 2_000_000);
  });

  it('reports a missing executable as SPAWN', async () => {
    await rejectsWith(runCli({ ...cli, path: path.join(dir, 'nope') }, ['x'], { env: env('version') }), 'SPAWN');
  });
});

describe('findCli', function () {
  this.timeout(20_000);

  it('finds openclaw on PATH and reads its version', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bin-'));
    fs.writeFileSync(path.join(bin, 'openclaw'), FAKE, { mode: 0o755 });
    const info = await findCli({
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        FAKE_MODE: 'version',
        FAKE_ARGV: path.join(bin, 'argv'),
      },
      homedir: bin,
    });
    assert.equal(info?.path, path.join(bin, 'openclaw'));
    assert.equal(info?.version, '2026.9.6');
    assert.equal(fs.readFileSync(path.join(bin, 'argv'), 'utf8'), '--version\n');
  });

  it('runs a JS entry point from the setting with the given node', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-mjs-'));
    const script = path.join(d, 'openclaw.mjs');
    fs.writeFileSync(script, 'console.log(process.env.NO_COLOR === "1" ? "OpenClaw 2026.5.28 (e932160)" : "bad");\n');
    const info = await findCli({
      setting: script,
      nodePath: process.execPath,
      env: { PATH: '/nonexistent' },
      homedir: d,
    });
    assert.deepEqual([info?.version, info?.node, info?.script], ['2026.5.28', process.execPath, script]);
  });

  it('returns undefined when nothing answers', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-none-'));
    assert.equal(await findCli({ setting: path.join(d, 'missing'), env: { PATH: d }, homedir: d }), undefined);
  });
});

describe('versions', () => {
  it('parses and compares', () => {
    assert.equal(parseCliVersion('OpenClaw 2026.9.6 (eb377ac)'), '2026.9.6');
    assert.equal(parseCliVersion('nothing'), undefined);
    assert.equal(compareVersions('2026.9.6', '2026.5.0'), 1);
    assert.equal(compareVersions('2026.5.0', '2026.5.0'), 0);
    assert.equal(compareVersions('2026.4.30', '2026.5.0'), -1);
    assert.equal(compareVersions('2026.10.1', '2026.9.6'), 1);
  });
});
