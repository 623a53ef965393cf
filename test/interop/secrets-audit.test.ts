// Audit Secrets against the real CLI 2026.9.6 (three CLI calls): in a home with a pasted token and a pasted API key
// (plain text in the store) and a profile whose key is an env SecretRef to a variable that is not set, the profiles the
// extension marks as plain text are exactly the stored profiles with a literal secret in the snapshot, and the ref is
// never one of them.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../src/openclaw/cli';
import type { SqliteSource } from '../../src/openclaw/model';
import { profileFindings, secretsAudit, type SecretsAudit } from '../../src/openclaw/secrets';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { Snapshot } from '../../src/openclaw/types';
import { fakeApiKey, fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path, openclawEntry, repoRoot, runNode24Script } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

describe('interop: Audit Secrets (real CLI secrets audit --json)', function () {
  this.timeout(120_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-secrets-'));
  const stateDir = path.join(home, '.openclaw');
  const env = cliEnv(home);
  let sqlite: SqliteSource | undefined;
  let snapshot: Snapshot;
  let report: SecretsAudit;

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work'],
      `${fakeToken('secrets', 'work')}\n`,
      env,
    );
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'],
      `${fakeApiKey('secrets')}\n`,
      env,
    );
    // A key that comes from the environment (a SecretRef), with the variable unset.
    const r = await runNode24Script(path.join(repoRoot(), 'test', 'fixtures', 'craft-auth-rows.mjs'), {
      dbPath: path.join(stateDir, 'state', 'openclaw.sqlite'),
      profiles: {
        'openrouter:ref': {
          type: 'api_key',
          provider: 'openrouter',
          keyRef: { source: 'env', provider: 'default', id: 'OC_TEST_UNSET_OPENROUTER_KEY' },
        },
      },
    });
    assert.equal(r.code, 0, r.stderr.slice(-800));
    const cli: CliInfo = {
      path: openclawEntry('current'),
      version: '2026.9.6',
      nodeCandidates: [node24Path()],
      node: node24Path(),
      script: openclawEntry('current'),
    };
    report = await secretsAudit(cli, { env, timeoutMs: 110_000 });
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    snapshot = await new Reader({ env, homedir: home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) }).read();
  });

  after(() => {
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(home, { recursive: true, force: true });
  });

  it('the profiles marked as plain text are the stored ones with a literal secret; the env ref is not one of them', () => {
    const findings = profileFindings(report);
    console.log(
      `[interop secrets] status ${report.status}; ${findings.map((f) => `${f.profileId} ${f.code}`).join(', ')}`,
    );
    const plainText = findings
      .filter((f) => f.code === 'PLAINTEXT_FOUND')
      .map((f) => f.profileId)
      .sort();
    assert.deepEqual(plainText, ['anthropic:manual', 'anthropic:work']);
    const stored = must(
      snapshot.agents.find((a) => a.id === 'main'),
      'agent main',
    )
      .providers.flatMap((p) => p.profiles)
      // A SecretRef credential shows as `ref` (rows.ts, as `models auth list` does); the others hold the secret itself.
      .filter((p) => !p.declaredOnly && p.masked && p.masked !== 'ref')
      .map((p) => p.id)
      .sort();
    assert.deepEqual(plainText, stored);
    assert.ok(!plainText.includes('openrouter:ref'));
    assert.equal(
      snapshot.agents[0]?.providers.flatMap((p) => p.profiles).find((p) => p.id === 'openrouter:ref')?.masked,
      'ref',
    );
    assert.ok(['findings', 'unresolved'].includes(report.status), report.status);
    // The env ref to an unset variable: the CLI counts it as unresolved, the row says where it points and that it is
    // not set, and the snapshot warns once (SECRET_REF_UNSET).
    const refs = snapshot.agents
      .flatMap((a) => a.providers.flatMap((p) => p.profiles))
      .filter((p) => p.secretRef?.resolves === false)
      .map((p) => [p.id, p.secretRef?.source, p.secretRef?.id]);
    assert.deepEqual(refs, [['openrouter:ref', 'env', 'OC_TEST_UNSET_OPENROUTER_KEY']]);
    assert.equal(report.summary?.unresolvedRefCount, refs.length, 'the CLI counts the same unresolved refs');
    assert.deepEqual(
      snapshot.warnings.filter((w) => w.code === 'SECRET_REF_UNSET').map((w) => w.profileId),
      ['openrouter:ref'],
    );
    // The report is validated: no finding lost between the CLI's summary and the parsed list.
    assert.equal(
      report.findings.filter((f) => f.code === 'PLAINTEXT_FOUND').length,
      report.summary?.plaintextCount ?? -1,
    );
  });
});
