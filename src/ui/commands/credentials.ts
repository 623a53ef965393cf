// The commands that put a credential into OpenClaw: paste a token or an API key, run `claude setup-token`, and
// re-authenticate a profile (a paste, or a login in a terminal for OAuth). Registered by index.ts.

import vscode = require('vscode');
import { t } from '../l10n';
import { openclaw } from '../../openclaw/commands';
import { findClaude } from '../../openclaw/claude';
import { defaultProfileId } from '../../openclaw/input';
import { plain } from '../../openclaw/untrusted';
import {
  Cancelled,
  type CommandContext,
  type CommandTarget,
  defaultAgentId,
  findProfile,
  isNode,
  str,
} from './context';
import type { Origin } from './progress';
import { showError, showInfo } from '../messages';
import { applyPasteApiKey, applyPasteToken, promptPaste } from './paste';
import { checkIds, describeCaptured, offerToClose, runOpenclawInTerminal, startSetupToken } from './terminal';

export async function pasteTokenCommand(ctx: CommandContext, arg: unknown, target: CommandTarget): Promise<unknown> {
  const { args, providerId: provider, agentId: agent, profileId } = target;
  if (args && typeof args.token === 'string' && provider) {
    const expiresIn = str(args.expiresIn);
    return applyPasteToken(ctx, {
      provider,
      token: args.token,
      ...(profileId ? { profileId } : {}),
      ...(expiresIn ? { expiresIn } : {}),
      ...(agent ? { agent } : {}),
    });
  }
  const state = await promptPaste(ctx, 'token', presetFrom(target));
  return applyPasteToken(
    ctx,
    {
      provider: state.provider,
      token: state.secret,
      ...(state.profileId ? { profileId: state.profileId } : {}),
      ...(state.expiresIn ? { expiresIn: state.expiresIn } : {}),
      ...(state.agent ? { agent: state.agent } : {}),
    },
    promptedOrigin(arg),
  );
}

export async function pasteApiKeyCommand(ctx: CommandContext, arg: unknown, target: CommandTarget): Promise<unknown> {
  const { args, providerId: provider, agentId: agent, profileId } = target;
  if (args && typeof args.key === 'string' && provider) {
    return applyPasteApiKey(ctx, {
      provider,
      key: args.key,
      ...(profileId ? { profileId } : {}),
      ...(agent ? { agent } : {}),
    });
  }
  const state = await promptPaste(ctx, 'api_key', presetFrom(target));
  return applyPasteApiKey(
    ctx,
    {
      provider: state.provider,
      key: state.secret,
      ...(state.profileId ? { profileId: state.profileId } : {}),
      ...(state.agent ? { agent: state.agent } : {}),
    },
    promptedOrigin(arg),
  );
}

/** A person answered the prompts: from a row, the view's progress; otherwise a notification with Cancel. */
function promptedOrigin(arg: unknown): Origin {
  return isNode(arg) ? 'tree' : 'palette';
}

/** What the target already tells the paste flow (a partial arguments object may add `expiresIn`). */
function presetFrom(target: CommandTarget): {
  agent?: string;
  provider?: string;
  profileId?: string;
  expiresIn?: string;
} {
  const expiresIn = str(target.args?.expiresIn);
  return {
    ...(target.agentId ? { agent: target.agentId } : {}),
    ...(target.providerId ? { provider: target.providerId } : {}),
    ...(target.profileId ? { profileId: target.profileId } : {}),
    ...(expiresIn ? { expiresIn } : {}),
  };
}

export async function setupTokenCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const claude = findClaude(process.env);
  if (!claude) {
    const paste = t('Paste Token Instead');
    const choice = await showError(
      t(
        'The Claude CLI (claude) was not found on PATH. Install Claude Code (npm install -g @anthropic-ai/claude-code), or run "claude setup-token" elsewhere and paste the token.',
      ),
      paste,
    );
    if (choice === paste)
      return pasteTokenCommand(ctx, undefined, { providerId: 'anthropic', args: { expiresIn: '365d' } });
    return undefined;
  }
  const run = await startSetupToken(ctx, claude);
  const { captured } = await run.finished;
  const preset = { provider: 'anthropic', expiresIn: '365d', ...presetFrom(target) };
  let result: unknown;
  if (captured) {
    const save = t('Save');
    const choice = await showInfo(
      t(
        'Save the token printed by claude setup-token ({0}) to OpenClaw, expiring in 365 days?',
        describeCaptured(captured),
      ),
      save,
      t('Paste manually'),
    );
    if (choice === save) {
      // Progress in the view, not a second notification: the person just answered one.
      result = await applyPasteToken(
        ctx,
        {
          provider: 'anthropic',
          token: captured,
          profileId: preset.profileId ?? defaultProfileId('anthropic'),
          expiresIn: '365d',
          ...(preset.agent ? { agent: preset.agent } : {}),
        },
        'tree',
      );
    }
  }
  // No token came back: the paste prompts, preset with what is known (an args object without a secret prompts).
  result ??= await pasteTokenCommand(ctx, undefined, {
    ...target,
    providerId: 'anthropic',
    args: { expiresIn: preset.expiresIn },
  });
  offerToClose(run.terminal);
  return result;
}

export async function reauthenticateCommand(
  ctx: CommandContext,
  arg: unknown,
  target: CommandTarget,
): Promise<unknown> {
  const agent = target.agentId ?? defaultAgentId(ctx, ctx.store.current);
  const profile = target.profileId ? findProfile(ctx.store.current, agent, target.profileId) : undefined;
  if (!profile) return pasteTokenCommand(ctx, arg, target);
  if (profile.type === 'oauth') {
    checkIds([
      ['agent', agent],
      ['provider', profile.provider],
      ['profile', profile.id],
    ]);
    runOpenclawInTerminal(ctx, t('OpenClaw login'), openclaw.login(profile.provider, { profileId: profile.id }, agent));
    return undefined;
  }
  // The paste prompts, preset with this profile (never automation's no-prompt path: there is no secret to paste yet).
  const ids = { agentId: agent, providerId: profile.provider, profileId: profile.id };
  if (profile.type === 'api_key') return pasteApiKeyCommand(ctx, arg, ids);
  if (profile.provider === 'anthropic') {
    const setup = t('Run claude setup-token');
    const paste = t('Paste a token');
    const choice = await vscode.window.showQuickPick([setup, paste], {
      placeHolder: t('Re-authenticate {0}', plain(profile.id)),
    });
    if (!choice) throw new Cancelled();
    if (choice === setup) return setupTokenCommand(ctx, ids);
  }
  return pasteTokenCommand(ctx, arg, ids);
}
