// Audit Secrets' report reading (openclaw/secrets.ts): the shape dist/audit-*.mjs writes, validated leniently.
import * as assert from 'node:assert/strict';
import { profileFindings, secretsAuditSchema } from '../../src/openclaw/secrets';

describe('secrets audit report', () => {
  const raw = {
    version: 1,
    status: 'findings',
    summary: { plaintextCount: 3, unresolvedRefCount: 1 },
    resolution: { refsChecked: 1, skippedExecRefs: 0, resolvabilityComplete: true },
    findings: [
      {
        code: 'PLAINTEXT_FOUND',
        severity: 'warn',
        file: '/h/.openclaw/state/openclaw.sqlite',
        jsonPath: 'profiles.anthropic:manual.key',
        message: 'Auth profile API key is stored as plaintext.',
        provider: 'anthropic',
        profileId: 'anthropic:manual',
      },
      { code: 'PLAINTEXT_FOUND', file: '/h/.openclaw/.env', jsonPath: '$env.OPENAI_API_KEY', message: 'x' },
      { code: 'PLAINTEXT_FOUND', profileId: 'anthropic:manual', jsonPath: 'profiles.anthropic:manual.key' },
      { code: 'REF_UNRESOLVED', profileId: 'openrouter:ref', provider: 'openrouter' },
      'junk',
      { severity: 'warn' },
    ],
  };

  it('keeps every well-formed finding and drops malformed ones', () => {
    const report = secretsAuditSchema().parse(raw);
    assert.equal(report.status, 'findings');
    assert.equal(report.findings.length, 4);
  });

  it('one entry per profile and code, only findings that name a profile', () => {
    assert.deepEqual(profileFindings(secretsAuditSchema().parse(raw)), [
      {
        profileId: 'anthropic:manual',
        code: 'PLAINTEXT_FOUND',
        provider: 'anthropic',
        file: '/h/.openclaw/state/openclaw.sqlite',
      },
      { profileId: 'openrouter:ref', code: 'REF_UNRESOLVED', provider: 'openrouter' },
    ]);
  });

  it('a report without a status is refused', () => {
    assert.equal(secretsAuditSchema().safeParse({ findings: [] }).success, false);
  });
});
