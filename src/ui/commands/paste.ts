import vscode = require('vscode');
import { t } from '../l10n';
import { normalizeProviderId } from '../../openclaw/ids';
import { plain } from '../../openclaw/untrusted';
import {
  ANTHROPIC_SETUP_TOKEN_PREFIX,
  defaultProfileId,
  InvalidInputError,
  normalizeApiKey,
  normalizeProvider,
  normalizeToken,
  parseExpiresIn,
  validateExpiresIn,
  validateProfileId,
} from '../../openclaw/input';
import {
  pasteApiKeyArgv,
  pasteTokenArgv,
  runOperation,
  type OperationResult,
  type PasteApiKeyArgs,
  type PasteTokenArgs,
} from '../../openclaw/operations';
import { maskSecret } from '../../openclaw/mask';
import type { Snapshot } from '../../openclaw/types';
import { type CommandContext, defaultAgentId, findAgent, findProfile, operationContext } from './context';
import { chosen, MultiStep, type PickItem, type Step } from './multiStep';
import { afterChange, type ChangeAction } from './feedback';
import { type Origin, withOperation } from './progress';

export const COMMON_PROVIDERS = ['anthropic', 'openai', 'openrouter', 'google', 'mistral', 'groq', 'xai', 'deepseek'];

export interface PasteState {
  kind: 'token' | 'api_key';
  agent?: string;
  provider?: string;
  profileId?: string;
  expiresIn?: string;
  secret?: string;
}

/** The parts of a paste that a caller (tree node, re-authenticate) already knows. */
export type PastePreset = Partial<Omit<PasteState, 'kind' | 'secret'>>;

function agentStep(snapshot: Snapshot | undefined): Step<PasteState> {
  return async (input, state) => {
    const agents = snapshot?.agents ?? [];
    const picked = await input.pick({
      placeholder: t('Which agent should own this credential?'),
      items: agents.map((a): PickItem<string> => ({
        label: plain(a.id),
        description: a.isDefault ? t('default agent') : '',
        value: a.id,
      })),
      ...(state.agent ? { activeValue: state.agent } : {}),
    });
    if (picked === 'back') return 'back';
    state.agent = picked;
    return 'next';
  };
}

function providerStep(snapshot: Snapshot | undefined): Step<PasteState> {
  return async (input, state) => {
    const inState = findAgent(snapshot, state.agent ?? '')?.providers.map((p) => p.id) ?? [];
    const items: PickItem<string>[] = [
      ...inState.map((id) => ({ label: plain(id), description: t('configured'), value: id })),
      ...COMMON_PROVIDERS.filter((id) => !inState.includes(id)).map((id) => ({ label: id, value: id })),
    ];
    const picked = await input.pick({
      placeholder: t('Provider (type to use another provider id)'),
      items,
      ...(state.provider ? { activeValue: state.provider } : {}),
      onCustom: (text) => {
        try {
          return normalizeProvider(text);
        } catch {
          return undefined;
        }
      },
      customLabel: (text) => t('Use provider "{0}"', normalizeProviderId(text)),
    });
    if (picked === 'back') return 'back';
    state.provider = picked;
    return 'next';
  };
}

function profileStep(snapshot: Snapshot | undefined): Step<PasteState> {
  return async (input, state) => {
    const provider = chosen(state, 'provider');
    const existing =
      findAgent(snapshot, state.agent ?? '')
        ?.providers.find((p) => p.id === provider)
        ?.profiles.filter((p) => !p.declaredOnly) ?? [];
    const replaces = (id: string) => existing.some((p) => p.id === id);
    const describe = (id: string) => (replaces(id) ? t('replaces the stored credential') : t('creates a new profile'));
    // OpenClaw's own default for a pasted credential (operations.ts defaultProfileId), offered once.
    const ids = [...existing.map((p) => p.id), defaultProfileId(provider)].filter(
      (id, i, all) => all.indexOf(id) === i,
    );
    const picked = await input.pick({
      placeholder: t('Profile id (type a new one, e.g. {0}:work)', provider),
      items: ids.map((id) => ({ label: plain(id), description: plain(describe(id)), value: id })),
      activeValue: state.profileId ?? ids[0],
      onCustom: (text) => {
        try {
          return validateProfileId(text);
        } catch {
          return undefined;
        }
      },
      customLabel: (text) => `${text} — ${describe(text)}`,
    });
    if (picked === 'back') return 'back';
    state.profileId = picked;
    return 'next';
  };
}

const expiryStep: Step<PasteState> = async (input, state) => {
  const items: PickItem<string>[] = [
    { label: t('365 days'), description: t('recommended for claude setup-token'), value: '365d' },
    { label: t('90 days'), value: '90d' },
    { label: t('30 days'), value: '30d' },
    { label: t('No expiry'), description: t('OpenClaw will never warn before it stops working'), value: '' },
    { label: t('Custom duration…'), description: '12h, 45d, 1h30m', value: 'custom' },
  ];
  const picked = await input.pick({
    placeholder: t('When does this token expire?'),
    items,
    activeValue: state.expiresIn ?? '365d',
  });
  if (picked === 'back') return 'back';
  if (picked !== 'custom') {
    state.expiresIn = picked;
    return 'next';
  }
  const custom = await input.input({
    prompt: t('Expires in (like openclaw --expires-in: 30d, 12h, 1h30m; a bare number means days)'),
    validate: (text) => (parseExpiresIn(text) === undefined ? t('Use values like 30d, 12h, 90m or 1h30m.') : undefined),
  });
  if (custom === 'back') return 'back';
  state.expiresIn = custom.trim();
  return 'next';
};

const secretStep: Step<PasteState> = async (input, state) => {
  const provider = chosen(state, 'provider');
  const profileId = chosen(state, 'profileId');
  const isToken = state.kind === 'token';
  const value = await input.input({
    prompt: isToken
      ? t('Paste the token for {0} (it is stored by OpenClaw and never shown)', profileId)
      : t('Paste the API key for {0} (it is stored by OpenClaw and never shown)', profileId),
    placeholder: isToken && provider === 'anthropic' ? `${ANTHROPIC_SETUP_TOKEN_PREFIX}…` : '',
    password: true,
    validate: (text) => {
      try {
        if (isToken) normalizeToken(provider, text);
        else normalizeApiKey(text);
        return undefined;
      } catch (error) {
        return error instanceof InvalidInputError ? error.message : String(error);
      }
    },
  });
  if (value === 'back') return 'back';
  state.secret = value;
  return 'next';
};

/** Asks for what is missing, one step at a time, with a Back button. */
export async function promptPaste(
  ctx: CommandContext,
  kind: PasteState['kind'],
  preset: PastePreset = {},
): Promise<PasteState & { provider: string; secret: string }> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('prompt'));
  const state: PasteState = { kind, ...preset };
  const steps: Step<PasteState>[] = [];
  if (!state.agent) {
    if ((snapshot.agents.length ?? 0) > 1) steps.push(agentStep(snapshot));
    else state.agent = defaultAgentId(ctx, snapshot);
  }
  if (!state.provider) steps.push(providerStep(snapshot));
  if (!state.profileId) steps.push(profileStep(snapshot));
  if (kind === 'token' && state.expiresIn === undefined) steps.push(expiryStep);
  steps.push(secretStep);
  const title = kind === 'token' ? t('OpenClaw Auth: Paste Token') : t('OpenClaw Auth: Paste API Key');
  const done = await MultiStep.run(title, state, steps);
  return { ...done, provider: chosen(done, 'provider'), secret: chosen(done, 'secret') };
}

/** Runs paste-token and resolves once the new credential is in the snapshot. */
export async function applyPasteToken(
  ctx: CommandContext,
  args: PasteTokenArgs,
  origin: Origin = 'api',
): Promise<OperationResult & { profileId: string }> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('paste'));
  const call = pasteTokenArgv(operationContext(ctx, snapshot), args);
  const expiresIn = validateExpiresIn(args.expiresIn);
  const started = Date.now();
  const ms = expiresIn ? parseExpiresIn(expiresIn) : undefined;
  let after: Snapshot | undefined;
  const result = await withOperation(
    origin,
    t('Saving token {0}…', plain(call.profileId)),
    { agentId: call.agent, provider: call.provider, profileId: call.profileId },
    async (signal) => {
      const done = await runOperation(operationContext(ctx, snapshot, signal), call);
      after = await ctx.store.waitFor(
        (s) => {
          const profile = findProfile(s, call.agent, call.profileId);
          if (!profile || profile.type !== 'token') return false;
          return ms === undefined ? profile.expiresAt === undefined : (profile.expiresAt ?? 0) >= started + ms - 1000;
        },
        t(
          'OpenClaw saved {0}, but it did not appear in the auth store in time. Refresh, or check the log.',
          call.profileId,
        ),
      );
      return done;
    },
  );
  ctx.log.info(
    `paste-token saved ${call.profileId} (${call.provider}) for agent ${call.agent}${expiresIn ? `, expires in ${expiresIn}` : ''}: ${maskSecret(args.token.replace(/\s+/g, ''))}`,
  );
  const use = usageNote(after, call.agent, call.provider, call.profileId);
  afterChange(
    ctx,
    result,
    [t('Saved token {0} for agent {1}.', call.profileId, call.agent), use?.note].filter(Boolean).join(' '),
    use?.actions,
  );
  return { ...result, profileId: call.profileId };
}

export async function applyPasteApiKey(
  ctx: CommandContext,
  args: PasteApiKeyArgs,
  origin: Origin = 'api',
): Promise<OperationResult & { profileId: string }> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('paste'));
  const call = pasteApiKeyArgv(operationContext(ctx, snapshot), args);
  let after: Snapshot | undefined;
  const result = await withOperation(
    origin,
    t('Saving API key {0}…', plain(call.profileId)),
    { agentId: call.agent, provider: call.provider, profileId: call.profileId },
    async (signal) => {
      const done = await runOperation(operationContext(ctx, snapshot, signal), call);
      after = await ctx.store.waitFor(
        (s) => findProfile(s, call.agent, call.profileId)?.type === 'api_key',
        t(
          'OpenClaw saved {0}, but it did not appear in the auth store in time. Refresh, or check the log.',
          call.profileId,
        ),
      );
      return done;
    },
  );
  ctx.log.info(
    `paste-api-key saved ${call.profileId} (${call.provider}) for agent ${call.agent}: ${maskSecret(args.key)}`,
  );
  const use = usageNote(after, call.agent, call.provider, call.profileId);
  afterChange(
    ctx,
    result,
    [t('Saved API key {0} for agent {1}.', call.profileId, call.agent), use?.note].filter(Boolean).join(' '),
    use?.actions,
  );
  return { ...result, profileId: call.profileId };
}

/**
 * After a paste: whether OpenClaw will use the new profile. A stored or config order that leaves it out means
 * never; a place after others means only when they fail. Offers the one change that makes it used.
 */
export function usageNote(
  snapshot: Snapshot | undefined,
  agentId: string,
  providerId: string,
  profileId: string,
): { note: string; actions: ChangeAction[] } | undefined {
  const provider = findAgent(snapshot, agentId)?.providers.find((p) => p.id === normalizeProviderId(providerId));
  const profile = provider?.profiles.find((p) => p.id === profileId && !p.declaredOnly);
  if (!provider || !profile) return undefined;
  const base = (provider.storedOrder ?? provider.sequence).filter((id) => id !== profileId);
  const setOrder = (profileIds: string[]) => () =>
    vscode.commands.executeCommand('openclawAuth.setOrder', {
      agent: agentId,
      provider: provider.id,
      profileIds,
      fromTree: true,
    });
  if (profile.excluded) {
    return {
      note: t('OpenClaw will not use it: the order for {0} leaves it out.', provider.id),
      actions: [
        { title: t('Add to Order'), run: setOrder([...base, profileId]) },
        { title: t('Use First'), run: setOrder([profileId, ...base]) },
      ],
    };
  }
  const first = provider.order[0];
  if (first !== undefined && first !== profileId && provider.order.includes(profileId)) {
    return {
      note: t('OpenClaw tries {0} before it.', first),
      actions: [{ title: t('Use First'), run: setOrder([profileId, ...base]) }],
    };
  }
  return undefined;
}
