// Which gateway usage entry a provider row shows: OpenClaw reports MiniMax's OAuth sign-in (`minimax-portal`) and the
// Claude CLI's under their usage ids (`minimax`, `anthropic`), so a row with the sign-in's own id must look there.
import * as assert from 'node:assert/strict';
import { usageStatusSchema, type UsageStatus } from '../../src/openclaw/gateway/schemas';
import { usageForProvider, usageProviderId } from '../../src/openclaw/gateway/usage';

const RESET = Date.UTC(2026, 11, 2, 16, 7);

/** What a 2026.9.6 gateway answered for a MiniMax key (test/interop/gateway-probe.test.ts), validated as we do. */
const usage: UsageStatus = usageStatusSchema().parse({
  updatedAt: RESET - 3 * 3_600_000,
  providers: [
    {
      provider: 'minimax',
      displayName: 'MiniMax',
      windows: [
        { label: '5h', usedPercent: 61.8, resetAt: RESET },
        { label: 'Week', usedPercent: 20.1, resetAt: RESET + 4 * 86_400_000 },
      ],
      plan: 'Coding Plan · MiniMax-M2.5',
    },
    { provider: 'anthropic', displayName: 'Claude', windows: [], error: 'HTTP 401' },
    { provider: 'xai', displayName: 'xAI', windows: [] },
  ],
});

describe('usage for a provider row', () => {
  it('maps the ids OpenClaw reports usage under, and leaves the rest as they are', () => {
    assert.equal(usageProviderId('minimax-portal'), 'minimax');
    assert.equal(usageProviderId('minimax-portal-cn'), 'minimax');
    assert.equal(usageProviderId('minimax-cn'), 'minimax');
    assert.equal(usageProviderId('claude-cli'), 'anthropic');
    assert.equal(usageProviderId('MiniMax'), 'minimax');
    assert.equal(usageProviderId('openrouter'), 'openrouter');
  });

  it("a minimax-portal (OAuth) row shows minimax's windows, as the minimax row does", () => {
    const windows = (id: string) => usageForProvider(usage, id)?.windows.map((w) => [w.label, w.resetAt]);
    const expected = [
      ['5h', RESET],
      ['Week', RESET + 4 * 86_400_000],
    ];
    assert.deepEqual(windows('minimax'), expected);
    assert.deepEqual(windows('minimax-portal'), expected);
    assert.deepEqual(windows('MiniMax-Portal-CN'), expected);
  });

  it('an error without windows is shown, an entry with neither is not, and no answer is nothing', () => {
    assert.equal(usageForProvider(usage, 'claude-cli')?.error, 'HTTP 401');
    assert.equal(usageForProvider(usage, 'xai'), undefined);
    assert.equal(usageForProvider(usage, 'openai'), undefined);
    assert.equal(usageForProvider(undefined, 'minimax'), undefined);
  });
});
