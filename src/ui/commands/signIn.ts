// "Sign In…": pick the agent (when there are several), the provider and the method this OpenClaw offers (its own plugin
// manifests), then take the method's path: an API key through paste-api-key (secret on stdin), Anthropic's setup-token
// through Set Up Claude Token, anything else `openclaw models auth login` in a terminal (it needs a TTY). The new
// profile comes back through the watcher like any other change. Also "Record Expiry…" for a token saved without one.

import vscode = require('vscode');
import { t } from '../l10n';
import { neededWords } from '../why';
import {
  loginArgv,
  METHOD_ID_RE,
  signInChoicesFor,
  signInProviders,
  signInRoute,
  type SignInChoice,
} from '../../openclaw/signin';
import type { Snapshot } from '../../openclaw/types';
import { plain } from '../../openclaw/untrusted';
import {
  Cancelled,
  type CommandContext,
  type CommandTarget,
  defaultAgentId,
  findAgent,
  requireCli,
  str,
} from './context';
import { chosen, MultiStep, type PickItem, type Step } from './multiStep';
import { signInThroughGateway } from './signInWizard';
import { useSignInCommand } from './activate';
import { whyProfileCommand } from './why';
import { auditSecretsCommand } from './secrets';
import { checkIds, runOpenclawInTerminal } from './terminal';
import { gatewayOf } from '../gateway';
import { loginOptionsOf, withGatewayChoices, type AnyChoice } from '../../openclaw/gateway/loginChoices';

type Handler = (arg: unknown, target: CommandTarget) => Promise<unknown>;

interface SignInState {
  agent?: string;
  provider?: string;
  method?: string;
  deviceCode?: boolean;
  /** Automation: `{ gateway: true }` signs in through the connected gateway's wizard. */
  gateway?: boolean;
}

/** What a row or an arguments object already says (automation's provider ids in any case, as OpenClaw accepts). */
function presetFrom({ agentId, providerId, args }: CommandTarget): SignInState {
  const state: SignInState = {};
  if (agentId) state.agent = agentId;
  if (providerId) state.provider = args ? providerId.toLowerCase() : providerId;
  const method = str(args?.method);
  if (method) state.method = method;
  if (args?.deviceCode === true) state.deviceCode = true;
  if (args?.gateway === true) state.gateway = true;
  return state;
}

/** A window on another machine (Remote-SSH, WSL, a container): the login's browser redirect cannot reach it. */
const isRemote = (): boolean => !!vscode.env.remoteName;

function agentStep(snapshot: Snapshot): Step<SignInState> {
  return async (input, state) => {
    const picked = await input.pick({
      placeholder: t('Sign in for which agent?'),
      items: snapshot.agents.map((a): PickItem<string> => ({
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

function providerStep(snapshot: Snapshot, choices: readonly AnyChoice[]): Step<SignInState> {
  return async (input, state) => {
    const rows = findAgent(snapshot, state.agent ?? '')?.providers ?? [];
    const needing = rows.filter((p) => p.health === 'missing' || p.health === 'expired' || p.neededBy?.length);
    // signInProviders only groups by provider: a gateway choice counts like a terminal login there.
    const offered = signInProviders(
      choices.map((c): SignInChoice => ({ ...c, route: c.route === 'gateway' ? 'login' : c.route })),
    );
    const items: PickItem<string>[] = [];
    const seen = new Set<string>();
    for (const p of needing) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      const why = neededWords(p, t) ?? t('needs a sign-in');
      items.push({ label: plain(p.id), description: plain(why), value: p.id });
    }
    for (const p of offered) {
      if (seen.has(p.provider)) continue;
      seen.add(p.provider);
      items.push({
        label: plain(p.provider),
        description: plain(p.groupLabel ?? ''),
        detail: plain(p.methods.map((m) => m.label).join(' · ')),
        value: p.provider,
      });
    }
    const picked = await input.pick({
      placeholder: t('Sign in to which provider? (type to use another provider id)'),
      items,
      ...(state.provider ? { activeValue: state.provider } : {}),
      onCustom: (text) => (/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(text) ? text.toLowerCase() : undefined),
      customLabel: (text) => t('Use provider "{0}"', text.toLowerCase()),
    });
    if (picked === 'back') return 'back';
    state.provider = picked;
    delete state.method;
    return 'next';
  };
}

function methodStep(choices: readonly AnyChoice[]): Step<SignInState> {
  return async (input, state) => {
    const methods = choices.filter((c) => c.provider === state.provider);
    // One way in (most API-key providers): nothing to ask.
    const [only, ...others] = methods;
    if (only && others.length === 0) {
      state.method = only.method;
      return 'next';
    }
    const remote = isRemote();
    const items: PickItem<string>[] = methods.map((c) => ({
      label: plain(c.label),
      description: plain(c.method),
      detail: plain(
        [
          c.route === 'gateway' ? t('through the gateway, in VS Code') : '',
          c.hint ?? '',
          remote && c.deviceCode && c.route !== 'gateway'
            ? t('works in a remote window: a code to enter in any browser')
            : '',
        ]
          .filter(Boolean)
          .join(' — '),
      ),
      value: c.method,
    }));
    // Not in this OpenClaw's manifests (a plugin installed apart, a standalone binary): OpenClaw asks for the method.
    if (!items.length) {
      items.push(
        { label: t('Sign in with OpenClaw'), description: t('openclaw models auth login asks how'), value: '' },
        { label: t('Paste an API key'), value: 'api-key' },
      );
    }
    const picked = await input.pick({
      placeholder: t('Sign in to {0} how?', plain(state.provider ?? '')),
      items,
      ...(state.method ? { activeValue: state.method } : {}),
    });
    if (picked === 'back') return 'back';
    if (picked) state.method = picked;
    else delete state.method;
    return 'next';
  };
}

/** In a remote window, a browser sign-in cannot call back to this machine: offer the provider's device code instead. */
async function offerDeviceCode(state: SignInState, choices: readonly AnyChoice[]): Promise<void> {
  if (!isRemote() || state.deviceCode || state.method === undefined || state.method === 'device-code') return;
  const provider = choices.filter((c) => c.provider === state.provider);
  const chosen = provider.find((c) => c.method === state.method);
  if (!chosen || chosen.route !== 'login' || chosen.deviceCode || !provider.some((c) => c.method === 'device-code'))
    return;
  const device = t('Use a Device Code');
  const browser = t('Keep {0}', plain(chosen.label));
  const answer = await vscode.window.showQuickPick([device, browser], {
    placeHolder: t(
      'This window runs on another machine, whose browser sign-in cannot reach you. Sign in with a device code instead?',
    ),
  });
  if (answer === undefined) throw new Cancelled();
  if (answer === device) state.deviceCode = true;
}

function validate(state: SignInState): void {
  checkIds([
    ['agent', state.agent],
    ['provider', state.provider],
  ]);
  if (state.method !== undefined && !METHOD_ID_RE.test(state.method))
    throw new Error(
      t('This sign-in method id holds characters OpenClaw does not use, so it was not passed to OpenClaw.'),
    );
}

async function signInCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('signin'));
  const state = presetFrom(target);
  const automated = !!target.args;
  if (automated && !state.provider) throw new Error(t('Name a provider to sign in to.'));
  let choices: AnyChoice[] = [];
  if (!automated || !state.method || state.gateway) {
    const manifests = signInChoicesFor(requireCli(ctx));
    choices = manifests?.choices ?? [];
    if (!manifests)
      ctx.log.warn('sign-in: the openclaw package was not found beside the CLI; its sign-in methods are unknown');
    for (const file of manifests?.skipped ?? []) ctx.log.warn(`sign-in: could not read ${file}`);
  }
  if (!state.agent) {
    if (snapshot.agents.length > 1 && !automated) {
      await MultiStep.run(t('OpenClaw Auth: Sign In'), state, [agentStep(snapshot)]);
    } else state.agent = defaultAgentId(ctx, snapshot);
  }
  const agent = chosen(state, 'agent');
  // A connected gateway runs browser and device-code sign-ins itself (its loginOptions for this agent).
  const request = !automated || state.gateway ? gatewayOf(ctx.extension)?.requester() : undefined;
  const status = request ? gatewayOf(ctx.extension)?.current.agents[agent] : undefined;
  if (status) choices = withGatewayChoices(choices as SignInChoice[], loginOptionsOf(status));
  const steps: Step<SignInState>[] = [];
  if (!state.provider) steps.push(providerStep(snapshot, choices));
  if (!state.method && !automated) steps.push(methodStep(choices));
  if (steps.length) await MultiStep.run(t('OpenClaw Auth: Sign In'), state, steps);
  if (!automated) await offerDeviceCode(state, choices);
  validate(state);
  const provider = chosen(state, 'provider');
  const choice = choices.find((c) => c.provider === provider && c.method === state.method);
  if (choice?.route === 'gateway' && request)
    return signInThroughGateway(ctx, request, {
      agent,
      provider,
      authChoice: choice.authChoice,
      label: choice.label,
    });
  if (state.gateway) throw new Error(t('The connected gateway does not offer this sign-in.'));
  const route = state.method === undefined ? 'login' : (choice?.route ?? signInRoute(provider, state.method));
  ctx.log.info(
    `sign-in: ${provider} ${state.deviceCode ? 'device-code' : (state.method ?? '(OpenClaw asks)')} for agent ${state.agent} via ${route}`,
  );
  if (route === 'api-key')
    return vscode.commands.executeCommand('openclawAuth.pasteApiKey', { provider, agent: state.agent });
  if (route === 'setup-token')
    return vscode.commands.executeCommand('openclawAuth.setupToken', { provider, agent: state.agent });
  // The ids passed validate() above, so loginArgv's own check cannot refuse them.
  const args = loginArgv({
    provider,
    agent,
    ...(state.method !== undefined ? { method: state.method } : {}),
    ...(state.deviceCode ? { deviceCode: true } : {}),
  });
  const terminal = runOpenclawInTerminal(ctx, t('OpenClaw sign-in: {0}', provider), args);
  return { terminal: terminal.name, args };
}

/** A token saved without an expiry: paste it again with one (`paste-token --expires-in`), through the paste flow. */
async function recordExpiryCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const { profileId, providerId: provider } = target;
  const agent = target.agentId ?? defaultAgentId(ctx, ctx.store.current);
  if (!profileId || !provider) throw new Error(t('Choose a token profile to record an expiry for.'));
  const expiresIn = str(target.args?.expiresIn);
  return vscode.commands.executeCommand('openclawAuth.pasteToken', {
    agent,
    provider,
    profileId,
    ...(expiresIn ? { expiresIn } : {}),
  });
}

/** The command table's entries for this file (spread into `src/ui/commands/index.ts`). */
export const signInCommands: Record<string, (ctx: CommandContext) => Handler> = {
  'openclawAuth.signIn': (ctx) => (_arg, target) => signInCommand(ctx, target),
  'openclawAuth.recordExpiry': (ctx) => (_arg, target) => recordExpiryCommand(ctx, target),
  'openclawAuth.useSignIn': (ctx) => (arg, target) => useSignInCommand(ctx, arg, target),
  'openclawAuth.whyProfile': (ctx) => (_arg, target) => whyProfileCommand(ctx, target),
  'openclawAuth.auditSecrets': (ctx) => (arg) => auditSecretsCommand(ctx, arg),
};
