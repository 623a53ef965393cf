import * as assert from 'node:assert/strict';
import { parseCheckIssues } from '../../src/openclaw/check';

// Recorded from `openclaw models status --check` (2026.9.6) on the `npm start` sample home (exit 1), trimmed.
const RECORDED = [
  'Default       : anthropic/claude-sonnet-4-5',
  'Fallbacks (1) : openai/gpt-5',
  '',
  'Runtime auth',
  '- openai via codex uses openai effective=missing:missing | status=unavailable | auth=indeterminate',
  '',
  'Model route issues',
  '- openai/gpt-5 [indeterminate] Auth readiness could not be confirmed for openai/gpt-5.',
  '',
  'OAuth/token status',
  '- anthropic',
  '  - anthropic:soon expiring expires in 3h',
].join('\n');

describe('check: what models status --check names', () => {
  it("names the failing route, its state and OpenClaw's reason; other sections are not issues", () => {
    assert.deepEqual(parseCheckIssues(RECORDED), [
      {
        route: 'openai/gpt-5',
        state: 'indeterminate',
        message: 'Auth readiness could not be confirmed for openai/gpt-5.',
      },
    ]);
  });

  it('reads "Missing auth" lists and CRLF/ANSI output; nothing when no section is there', () => {
    assert.deepEqual(
      parseCheckIssues(
        '\u001b[1mMissing auth\u001b[0m\r\n- openai Run openclaw models auth login --provider openai\r\n\r\n',
      ),
      [{ route: 'openai', message: 'Run openclaw models auth login --provider openai' }],
    );
    assert.deepEqual(parseCheckIssues('OAuth/token status\n- anthropic\n'), []);
  });
});
