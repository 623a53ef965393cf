import vscode = require('vscode');
import { t } from '../l10n';
import { clearOrder, removeProfile, setOrder } from '../../openclaw/operations';
import { runCli } from '../../openclaw/cli';
import { openclaw, withProfile } from '../../openclaw/commands';
import { parseCheckIssues } from '../../openclaw/check';
import { findClaude } from '../../openclaw/claude';
import { redact, stripAnsi } from '../../openclaw/mask';
import {
  Cancelled,
  type CommandContext,
  type NodeLike,
  defaultAgentId,
  errorMessage,
  findAgent,
  findProfile,
  findProvider,
  isNode,
  nodeProvider,
  operationContext,
  requireCli,
} from './context';
import { afterChange } from './feedback';
import { type Origin, originOf, withOperation } from './progress';
import { testConnectionCommand } from '../gateway';
import { showError, showInfo, showWarning } from '../messages';
import { plain } from '../../openclaw/untrusted';
import { applyPasteApiKey, applyPasteToken, promptPaste } from './paste';
import { pickProvider, promptOrder, showOrder } from './order';
import {
  checkIds,
  describeCaptured,
  offerToClose,
  runOpenclawInTerminal,
  startSetupToken,
} from './terminal';
import { signInCommands } from './signIn';
import { pinCommands } from './pins';

type Handler = (arg?: unknown) => Promise<unknown>;

/** An arguments object from automation (not a tree node): run without prompts and reject on failure. */
function isArgs(arg: unknown): arg is Record<string, unknown> {
  return !!arg && typeof arg === 'object' && !isNode(arg) && !(arg instanceof vscode.Uri);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

async function pasteTokenCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  if (isArgs(arg) && str(arg.token) !== undefined && str(arg.provider)) {
    return applyPasteToken(ctx, {
      provider: str(arg.provider)!,
      token: String(arg.token),
      ...opt('profileId', arg),
      ...opt('expiresIn', arg),
      ...opt('agent', arg),
    });
  }
  const preset = presetFrom(arg);
  const state = await promptPaste(ctx, 'token', preset);
  return applyPasteToken(
    ctx,
    {
      provider: state.provider!,
      token: state.secret!,
      ...(state.profileId ? { profileId: state.profileId } : {}),
      ...(state.expiresIn ? { expiresIn: state.expiresIn } : {}),
      ...(state.agent ? { agent: state.agent } : {}),
    },
    promptedOrigin(arg),
  );
}

async function pasteApiKeyCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  if (isArgs(arg) && str(arg.key) !== undefined && str(arg.provider)) {
    return applyPasteApiKey(ctx, {
      provider: str(arg.provider)!,
      key: String(arg.key),
      ...opt('profileId', arg),
      ...opt('agent', arg),
    });
  }
  const state = await promptPaste(ctx, 'api_key', presetFrom(arg));
  return applyPasteApiKey(
    ctx,
    {
      provider: state.provider!,
      key: state.secret!,
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

function opt<K extends string>(key: K, arg: Record<string, unknown>): Partial<Record<K, string>> {
  const value = str(arg[key]);
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** What a tree node or a partial arguments object already tells the paste flow. */
function presetFrom(arg: unknown): { agent?: string; provider?: string; profileId?: string; expiresIn?: string } {
  if (isNode(arg)) {
    const node = arg as NodeLike;
    const provider = nodeProvider(node);
    return {
      ...(node.agentId ? { agent: node.agentId } : {}),
      ...(provider ? { provider } : {}),
      ...(node.profile ? { profileId: node.profile.id } : {}),
    };
  }
  if (isArgs(arg))
    return { ...opt('agent', arg), ...opt('provider', arg), ...opt('profileId', arg), ...opt('expiresIn', arg) };
  return {};
}

async function setOrderCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  let agent: string | undefined;
  let provider: string | undefined;
  let profileIds: string[] | undefined;
  if (isArgs(arg) && Array.isArray(arg.profileIds)) {
    agent = str(arg.agent);
    provider = str(arg.provider);
    profileIds = arg.profileIds.map(String);
  } else {
    const picked = await promptOrder(ctx, isNode(arg) ? (arg as NodeLike) : undefined);
    ({ agent, provider, profileIds } = picked);
  }
  if (!provider) throw new Error(t('Name a provider for the order.'));
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('order'));
  const expected = profileIds ?? [];
  const target = { agentId: agent ?? defaultAgentId(ctx, snapshot), provider };
  // Pending until the stored order is back in the snapshot: a drag-and-drop shows its row as saving till then.
  const result = await withOperation(
    originOf(arg),
    t('Saving the order for {0}…', plain(provider)),
    target,
    async (signal) => {
      const done = await setOrder(operationContext(ctx, snapshot, signal), {
        provider: provider!,
        profileIds: expected,
        ...(agent ? { agent } : {}),
      });
      await ctx.store.waitFor((s) => {
        const p = findProvider(s, done.agent, provider!.toLowerCase());
        return !!p && p.orderSource === 'stored' && (p.storedOrder ?? []).join('\n') === expected.join('\n');
      }, t('OpenClaw saved the order, but it did not appear in the auth store in time.'));
      return done;
    },
  );
  afterChange(ctx, result, t('Order for {0} (agent {1}): {2}', provider, result.agent, expected.join(' → ')));
  return result;
}

async function clearOrderCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  let agent = isArgs(arg) ? str(arg.agent) : isNode(arg) ? (arg as NodeLike).agentId : undefined;
  let provider = isArgs(arg) ? str(arg.provider) : isNode(arg) ? nodeProvider(arg as NodeLike) : undefined;
  if (!provider) ({ agent, provider } = await pickProvider(ctx, t('Clear the stored order of which provider?'), true));
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('order'));
  const target = { agentId: agent ?? defaultAgentId(ctx, snapshot), provider: provider! };
  const result = await withOperation(
    originOf(arg),
    t('Clearing the stored order for {0}…', plain(provider)),
    target,
    async (signal) => {
      const done = await clearOrder(operationContext(ctx, snapshot, signal), {
        provider: provider!,
        ...(agent ? { agent } : {}),
      });
      await ctx.store.waitFor(
        (s) => findProvider(s, done.agent, provider!.toLowerCase())?.orderSource !== 'stored',
        t('OpenClaw cleared the order, but the change did not appear in time.'),
      );
      return done;
    },
  );
  afterChange(
    ctx,
    result,
    t(
      'Cleared the stored order for {0} (agent {1}); OpenClaw now uses the config order or selects automatically.',
      provider!,
      result.agent,
    ),
  );
  return result;
}

async function removeProfileCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  let profileId = isArgs(arg) ? str(arg.profileId) : isNode(arg) ? (arg as NodeLike).profile?.id : undefined;
  let agent = isArgs(arg) ? str(arg.agent) : isNode(arg) ? (arg as NodeLike).agentId : undefined;
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('remove'));
  if (!profileId) {
    agent ??= defaultAgentId(ctx, snapshot);
    const profiles =
      findAgent(snapshot, agent)?.providers.flatMap((p) => p.profiles.filter((x) => !x.declaredOnly)) ?? [];
    const picked = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: plain(p.id), description: plain(`${p.provider} · ${p.type}`), id: p.id })),
      { placeHolder: t('Remove which profile?') },
    );
    if (!picked) throw new Cancelled();
    profileId = picked.id;
  }
  if (!isArgs(arg)) {
    const remove = t('Remove');
    const answer = await showWarning(
      t('Remove auth profile {0}? OpenClaw deletes the credential and every config reference to it.', profileId),
      { modal: true },
      remove,
    );
    if (answer !== remove) throw new Cancelled();
  }
  const owner = agent ?? defaultAgentId(ctx, snapshot);
  const target = { agentId: owner, provider: findProfile(snapshot, owner, profileId)?.provider ?? '', profileId };
  const result = await withOperation(originOf(arg), t('Removing {0}…', plain(profileId)), target, async (signal) => {
    const done = await removeProfile(operationContext(ctx, snapshot, signal), {
      profileId: profileId!,
      ...(agent ? { agent } : {}),
    });
    await ctx.store.waitFor(
      (s) => !findProfile(s, done.agent, profileId!),
      t('OpenClaw removed {0}, but the change did not appear in time.', profileId),
    );
    return done;
  });
  afterChange(ctx, result, t('Removed {0} (agent {1}).', profileId, result.agent));
  return result;
}

async function moveCommand(ctx: CommandContext, arg: unknown, delta: -1 | 1): Promise<unknown> {
  if (!isNode(arg) || !(arg as NodeLike).profile) return undefined;
  const node = arg as NodeLike;
  const agent = node.agentId ?? defaultAgentId(ctx, ctx.store.current);
  const provider = findProvider(ctx.store.current, agent, node.profile!.provider);
  if (!provider) return undefined;
  const order = [...provider.sequence];
  const from = order.indexOf(node.profile!.id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return undefined;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return vscode.commands.executeCommand('openclawAuth.setOrder', {
    agent,
    provider: provider.id,
    profileIds: order,
    fromTree: true,
  });
}

async function checkCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const cli = requireCli(ctx);
  const agent = isArgs(arg) ? str(arg.agent) : undefined;
  const args = withProfile(ctx.profile(), openclaw.check(agent));
  const result = await withOperation(
    isArgs(arg) ? 'api' : 'palette',
    t('Running openclaw models status --check…'),
    undefined,
    (signal) =>
      runCli(cli, args, { env: ctx.cliEnv(), timeoutMs: 120_000, signal }),
  );
  const meaning: Record<number, string> = {
    0: t('Exit 0: every model route in use has usable auth.'),
    1: t(
      'Exit 1: a route in use has missing, expired or unavailable auth (or readiness could not be confirmed, as with the Claude CLI runtime).',
    ),
    2: t('Exit 2: the profile selected for a route expires within 24 hours.'),
  };
  // OpenClaw's own words for what failed, so the message names the route instead of only an exit code.
  const issues = parseCheckIssues(result.stdout);
  const named = issues
    .map((i) => `${i.route}${i.state ? ` (${i.state})` : ''}${i.message ? `: ${i.message}` : ''}`)
    .join(' · ');
  const text =
    result.code !== 0 && named
      ? t('Check failed for {0}', named)
      : (meaning[result.code] ?? t('Exit {0}: openclaw failed; see the log.', result.code));
  ctx.log.info(`models status --check exited ${result.code}${named ? `: ${named}` : ''}`);
  if (!isArgs(arg)) {
    const show = result.code === 0 ? showInfo : result.code === 2 ? showWarning : showError;
    const details = t('Show Details');
    void show(text, ...(result.code !== 0 ? [details] : [])).then(async (choice) => {
      if (choice !== details) return;
      // The CLI's full output, redacted, in an editor: a toast cuts it off.
      const content = redact(
        `$ openclaw ${args.join(' ')}\n(exit ${result.code})\n\n${stripAnsi(result.stdout)}\n${stripAnsi(result.stderr)}`,
      );
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language: 'log' }), {
        preview: true,
      });
    });
  }
  return { exitCode: result.code, message: text, issues };
}

async function setupTokenCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const claude = findClaude(process.env);
  if (!claude) {
    const paste = t('Paste Token Instead');
    const choice = await showError(
      t(
        'The Claude CLI (claude) was not found on PATH. Install Claude Code (npm install -g @anthropic-ai/claude-code), or run "claude setup-token" elsewhere and paste the token.',
      ),
      paste,
    );
    if (choice === paste) return pasteTokenCommand(ctx, { provider: 'anthropic', expiresIn: '365d' });
    return undefined;
  }
  const run = await startSetupToken(ctx, claude);
  const { captured } = await run.finished;
  const preset = { provider: 'anthropic', expiresIn: '365d', ...presetFrom(arg) };
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
          profileId: preset.profileId ?? 'anthropic:default',
          expiresIn: '365d',
          ...(preset.agent ? { agent: preset.agent } : {}),
        },
        'tree',
      );
    }
  }
  result ??= await pasteTokenCommand(ctx, preset);
  offerToClose(run.terminal);
  return result;
}

async function reauthenticateCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const node = isNode(arg) ? (arg as NodeLike) : undefined;
  const a = isArgs(arg) ? arg : undefined;
  const agent = node?.agentId ?? (a ? str(a.agent) : undefined) ?? defaultAgentId(ctx, ctx.store.current);
  const profileId = node?.profile?.id ?? (a ? str(a.profileId) : undefined);
  const profile = profileId ? findProfile(ctx.store.current, agent, profileId) : undefined;
  if (!profile) return pasteTokenCommand(ctx, presetFrom(arg));
  if (profile.type === 'oauth') {
    checkIds([
      ['agent', agent],
      ['provider', profile.provider],
      ['profile', profile.id],
    ]);
    runOpenclawInTerminal(ctx, t('OpenClaw login'), openclaw.login(profile.provider, { profileId: profile.id }, agent));
    return undefined;
  }
  if (profile.type === 'api_key')
    return pasteApiKeyCommand(ctx, { agent, provider: profile.provider, profileId: profile.id });
  if (profile.provider === 'anthropic') {
    const setup = t('Run claude setup-token');
    const paste = t('Paste a token');
    const choice = await vscode.window.showQuickPick([setup, paste], {
      placeHolder: t('Re-authenticate {0}', plain(profile.id)),
    });
    if (!choice) throw new Cancelled();
    if (choice === setup) return setupTokenCommand(ctx, { agent, provider: 'anthropic', profileId: profile.id });
  }
  return pasteTokenCommand(ctx, { agent, provider: profile.provider, profileId: profile.id });
}

async function selectAgentCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('agent'));
  let agent = isArgs(arg) ? str(arg.agent) : undefined;
  if (!agent) {
    const picked = await vscode.window.showQuickPick(
      snapshot.agents.map((a) => ({
        label: plain(a.id),
        description: a.isDefault ? t('default agent') : '',
        id: a.id,
      })),
      { placeHolder: t('Act for which agent?') },
    );
    if (!picked) throw new Cancelled();
    agent = picked.id;
  }
  await ctx.setSelectedAgent(agent);
  return ctx.store.refresh('agent');
}

async function openConfigCommand(ctx: CommandContext): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('config'));
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(snapshot.configPath));
    return vscode.window.showTextDocument(doc);
  } catch {
    void showWarning(t('No OpenClaw config at {0}. Run OpenClaw onboarding to create one.', snapshot.configPath));
    return undefined;
  }
}

async function runDoctorCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const fix = isArgs(arg) && arg.fix === true;
  const migrate = ctx.store.current?.warnings.some((w) => w.code === 'MIGRATION_REQUIRED');
  if (migrate || fix) {
    const run = t('Run doctor --fix');
    const answer = await showWarning(
      t(
        '"openclaw doctor --fix" imports the legacy auth files into SQLite and archives them (it renames them, it does not delete them). Run it now in a terminal?',
      ),
      { modal: true },
      run,
    );
    if (answer !== run) throw new Cancelled();
    return runOpenclawInTerminal(ctx, 'OpenClaw doctor', openclaw.doctor(true));
  }
  return runOpenclawInTerminal(ctx, 'OpenClaw doctor', openclaw.doctor(false));
}

/** `openclawAuth.language` from the palette: VS Code has no Thai language pack, so this is how Thai is reached. */
async function chooseLanguageCommand(arg?: unknown): Promise<unknown> {
  let language = isArgs(arg) ? str(arg.language) : undefined;
  if (!language) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: t('Follow VS Code'), description: 'auto', value: 'auto' },
        { label: 'English', description: 'en', value: 'en' },
        { label: 'ไทย (Thai)', description: 'th', value: 'th' },
      ],
      { placeHolder: t('Language of OpenClaw Auth') },
    );
    if (!picked) throw new Cancelled();
    language = picked.value;
  }
  if (!['auto', 'en', 'th'].includes(language))
    throw new Error(t('Unknown language {0}: use auto, en or th.', plain(language)));
  await vscode.workspace
    .getConfiguration('openclawAuth')
    .update('language', language === 'auto' ? undefined : language, vscode.ConfigurationTarget.Global);
  return language;
}

const table: Record<string, (ctx: CommandContext) => Handler> = {
  'openclawAuth.chooseLanguage': () => (arg) => chooseLanguageCommand(arg),
  'openclawAuth.refresh': (ctx) => () => ctx.store.refresh('command'),
  'openclawAuth.pasteToken': (ctx) => (arg) => pasteTokenCommand(ctx, arg),
  'openclawAuth.pasteApiKey': (ctx) => (arg) => pasteApiKeyCommand(ctx, arg),
  'openclawAuth.setupToken': (ctx) => (arg) => setupTokenCommand(ctx, arg),
  'openclawAuth.showOrder': (ctx) => (arg) =>
    showOrder(
      ctx,
      isNode(arg)
        ? (arg as NodeLike)
        : isArgs(arg)
          ? {
              ...(str(arg.agent) ? { agentId: str(arg.agent)! } : {}),
              ...(str(arg.provider) ? { provider: str(arg.provider)! } : {}),
            }
          : undefined,
      isArgs(arg),
    ),
  'openclawAuth.setOrder': (ctx) => (arg) => setOrderCommand(ctx, arg),
  'openclawAuth.clearOrder': (ctx) => (arg) => clearOrderCommand(ctx, arg),
  'openclawAuth.removeProfile': (ctx) => (arg) => removeProfileCommand(ctx, arg),
  'openclawAuth.moveUp': (ctx) => (arg) => moveCommand(ctx, arg, -1),
  'openclawAuth.moveDown': (ctx) => (arg) => moveCommand(ctx, arg, 1),
  'openclawAuth.reauthenticate': (ctx) => (arg) => reauthenticateCommand(ctx, arg),
  'openclawAuth.copyProfileId': () => async (arg) => {
    const id = isNode(arg) ? (arg as NodeLike).profile?.id : isArgs(arg) ? str(arg.profileId) : undefined;
    if (id) await vscode.env.clipboard.writeText(id);
    return id;
  },
  'openclawAuth.showStatus': (ctx) => async () => runOpenclawInTerminal(ctx, 'OpenClaw status', openclaw.status()),
  'openclawAuth.check': (ctx) => (arg) => checkCommand(ctx, arg),
  'openclawAuth.runDoctor': (ctx) => (arg) => runDoctorCommand(ctx, arg),
  'openclawAuth.runOnboarding': (ctx) => async () => runOpenclawInTerminal(ctx, 'OpenClaw onboarding', openclaw.onboard()),
  'openclawAuth.restartGateway': (ctx) => async () =>
    runOpenclawInTerminal(ctx, 'OpenClaw gateway', openclaw.gatewayRestart()),
  'openclawAuth.testConnection': (ctx) => (arg) => testConnectionCommand(ctx, arg),
  'openclawAuth.selectAgent': (ctx) => (arg) => selectAgentCommand(ctx, arg),
  'openclawAuth.openConfig': (ctx) => () => openConfigCommand(ctx),
  'openclawAuth.showLog': (ctx) => async () => ctx.log.show(),
  ...signInCommands,
  ...pinCommands,
};

/**
 * Registers every command. Called with an arguments object (automation, tests), a command runs without
 * prompts and rejects with the reason; called by a person, errors become a message and Escape is silent.
 */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(table).map(([id, factory]) => {
    const handler = factory(ctx);
    return vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        return await handler(arg);
      } catch (error) {
        if (error instanceof Cancelled) return undefined;
        ctx.log.error(`${id}: ${errorMessage(error)}`);
        // Automation gets the error; a person (the palette, a row, a drop) gets a message.
        if (isArgs(arg) && arg.fromTree !== true) throw error;
        void showError(errorMessage(error));
        return undefined;
      }
    });
  });
}
