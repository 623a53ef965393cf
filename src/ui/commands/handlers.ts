import vscode = require('vscode');
import { t } from '../l10n';
// Order and logout go through the running gateway when connected (gatewayWrites.ts), else the CLI.
import { gatewayFirst } from './gatewayWrites';
// A remote gateway's rows (target.remoteId) go through that gateway only (remoteWrites.ts).
import { viaRemote } from './remoteWrites';
import { runCli } from '../../openclaw/cli';
import { openclaw, withProfile } from '../../openclaw/commands';
import { parseCheckIssues } from '../../openclaw/check';
import { redact, stripAnsi } from '../../openclaw/mask';
import {
  Cancelled,
  type CommandContext,
  type CommandTarget,
  defaultAgentId,
  findAgent,
  findProfile,
  findProvider,
  operationContext,
  requireCli,
  str,
} from './context';
import { afterChange } from './feedback';
import { originOf, withOperation } from './progress';
import { testConnectionCommand } from '../gateway';
import { showError, showInfo, showWarning } from '../messages';
import { plain } from '../../openclaw/untrusted';
import { pickAgent, pickProvider, promptOrder, showOrder } from './order';
import { runOpenclawInTerminal } from './terminal';
import { signInCommands } from './signIn';
import { pinCommands } from './pins';
import { pasteApiKeyCommand, pasteTokenCommand, reauthenticateCommand, setupTokenCommand } from './credentials';

import type { Handler } from '.';

async function setOrderCommand(ctx: CommandContext, arg: unknown, target: CommandTarget): Promise<unknown> {
  let { agentId: agent, providerId: provider } = target;
  let profileIds: string[];
  if (Array.isArray(target.args?.profileIds)) profileIds = target.args.profileIds.map(String);
  else ({ agent, provider, profileIds } = await promptOrder(ctx, target));
  if (!provider) throw new Error(t('Name a provider for the order.'));
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('order'));
  const expected = profileIds;
  const row = { agentId: agent ?? defaultAgentId(ctx, snapshot), provider };
  // Pending until the stored order is back in the snapshot: a drag-and-drop shows its row as saving till then.
  const result = await withOperation(
    originOf(arg),
    t('Saving the order for {0}…', plain(provider)),
    row,
    async (signal) => {
      const done = await gatewayFirst(ctx).setOrder(operationContext(ctx, snapshot, signal), {
        provider: provider,
        profileIds: expected,
        ...(agent ? { agent } : {}),
      });
      await ctx.store.waitFor((s) => {
        const p = findProvider(s, done.agent, provider.toLowerCase());
        return !!p && p.orderSource === 'stored' && (p.storedOrder ?? []).join('\n') === expected.join('\n');
      }, t('OpenClaw saved the order, but it did not appear in the auth store in time.'));
      return done;
    },
  );
  afterChange(ctx, result, t('Order for {0} (agent {1}): {2}', provider, result.agent, expected.join(' → ')));
  return result;
}

async function clearOrderCommand(ctx: CommandContext, arg: unknown, target: CommandTarget): Promise<unknown> {
  let { agentId: agent, providerId: provider } = target;
  if (!provider) ({ agent, provider } = await pickProvider(ctx, t('Clear the stored order of which provider?'), true));
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('order'));
  const row = { agentId: agent ?? defaultAgentId(ctx, snapshot), provider };
  const result = await withOperation(
    originOf(arg),
    t('Clearing the stored order for {0}…', plain(provider)),
    row,
    async (signal) => {
      const done = await gatewayFirst(ctx).clearOrder(operationContext(ctx, snapshot, signal), {
        provider: provider,
        ...(agent ? { agent } : {}),
      });
      await ctx.store.waitFor(
        (s) => findProvider(s, done.agent, provider.toLowerCase())?.orderSource !== 'stored',
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
      provider,
      result.agent,
    ),
  );
  return result;
}

async function removeProfileCommand(ctx: CommandContext, arg: unknown, target: CommandTarget): Promise<unknown> {
  let { profileId, agentId: agent } = target;
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
  if (!target.args) {
    const remove = t('Remove');
    const answer = await showWarning(
      t('Remove auth profile {0}? OpenClaw deletes the credential and every config reference to it.', profileId),
      { modal: true },
      remove,
    );
    if (answer !== remove) throw new Cancelled();
  }
  const owner = agent ?? defaultAgentId(ctx, snapshot);
  const row = { agentId: owner, provider: findProfile(snapshot, owner, profileId)?.provider ?? '', profileId };
  const result = await withOperation(originOf(arg), t('Removing {0}…', plain(profileId)), row, async (signal) => {
    const done = await gatewayFirst(ctx).removeProfile(operationContext(ctx, snapshot, signal), {
      profileId: profileId,
      ...(agent ? { agent } : {}),
    });
    await ctx.store.waitFor(
      (s) => !findProfile(s, done.agent, profileId),
      t('OpenClaw removed {0}, but the change did not appear in time.', profileId),
    );
    return done;
  });
  afterChange(ctx, result, t('Removed {0} (agent {1}).', profileId, result.agent));
  return result;
}

async function moveCommand(ctx: CommandContext, target: CommandTarget, delta: -1 | 1): Promise<unknown> {
  const { profileId, providerId } = target;
  if (target.args || !profileId || !providerId) return undefined;
  const agent = target.agentId ?? defaultAgentId(ctx, ctx.store.current);
  const provider = findProvider(ctx.store.current, agent, providerId);
  if (!provider) return undefined;
  const order = [...provider.sequence];
  const from = order.indexOf(profileId);
  const to = from + delta;
  const [a, b] = [order[from], order[to]];
  if (a === undefined || b === undefined) return undefined; // not in the order, or moved past either end
  [order[from], order[to]] = [b, a];
  return vscode.commands.executeCommand('openclawAuth.setOrder', {
    agent,
    provider: provider.id,
    profileIds: order,
    fromTree: true,
  });
}

async function checkCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const cli = requireCli(ctx);
  const agent = target.args ? target.agentId : undefined;
  const args = withProfile(ctx.profile(), openclaw.check(agent));
  const result = await withOperation(
    target.args ? 'api' : 'palette',
    t('Running openclaw models status --check…'),
    undefined,
    (signal) => runCli(cli, args, { env: ctx.cliEnv(), timeoutMs: 120_000, signal }),
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
  if (!target.args) {
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

async function selectAgentCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('agent'));
  let agent = target.args ? target.agentId : undefined;
  agent ??= await pickAgent(snapshot, t('Act for which agent?'));
  await ctx.setSelectedAgent(agent);
  return ctx.store.refresh('agent');
}

async function openConfigCommand(ctx: CommandContext): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('config'));
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(snapshot.configPath));
    return await vscode.window.showTextDocument(doc);
  } catch {
    void showWarning(t('No OpenClaw config at {0}. Run OpenClaw onboarding to create one.', snapshot.configPath));
    return undefined;
  }
}

async function runDoctorCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const fix = target.args?.fix === true;
  if (target.args?.repair === true) {
    // A plugin upgrade OpenClaw left unfinished (PLUGIN_UPGRADE_UNFINISHED): its own advice, in a terminal it can ask in.
    const run = t('Run Repair');
    const answer = await showWarning(
      t(
        '"openclaw update repair" tries again to install the plugin OpenClaw left unfinished (it needs the internet); then run "openclaw doctor --fix". Run it now in a terminal?',
      ),
      { modal: true },
      run,
    );
    if (answer !== run) throw new Cancelled();
    return runOpenclawInTerminal(ctx, 'OpenClaw repair', openclaw.updateRepair());
  }
  const migrate = ctx.store.current?.warnings.some((w) => w.code === 'MIGRATION_REQUIRED');
  if (migrate || fix) {
    const run = t('Run doctor --fix');
    const answer = await showWarning(
      migrate
        ? t(
            '"openclaw doctor --fix" imports the legacy auth files into SQLite and archives them (it renames them, it does not delete them). Run it now in a terminal?',
          )
        : t('"openclaw doctor --fix" applies the repairs OpenClaw\'s doctor finds. Run it now in a terminal?'),
      { modal: true },
      run,
    );
    if (answer !== run) throw new Cancelled();
    return runOpenclawInTerminal(ctx, 'OpenClaw doctor', openclaw.doctor(true));
  }
  return runOpenclawInTerminal(ctx, 'OpenClaw doctor', openclaw.doctor(false));
}

/** `openclawAuth.language` from the palette: VS Code has no Thai language pack, so this is how Thai is reached. */
async function chooseLanguageCommand(target: CommandTarget): Promise<unknown> {
  let language = str(target.args?.language);
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

/** A synchronous command as a Handler: what it throws becomes the rejection every command reports the same way. */
const settled = (run: () => unknown): Promise<unknown> => new Promise((resolve) => resolve(run()));

/** Every command's implementation, loaded on a command's first use (index.ts registers them at activation). */
export const handlers: Record<string, (ctx: CommandContext) => Handler> = {
  'openclawAuth.chooseLanguage': () => (_arg, target) => chooseLanguageCommand(target),
  'openclawAuth.refresh': (ctx) => () => ctx.store.refresh('command'),
  'openclawAuth.pasteToken': (ctx) => (arg, target) => pasteTokenCommand(ctx, arg, target),
  'openclawAuth.pasteApiKey': (ctx) => (arg, target) => pasteApiKeyCommand(ctx, arg, target),
  'openclawAuth.setupToken': (ctx) => (_arg, target) => setupTokenCommand(ctx, target),
  'openclawAuth.showOrder': (ctx) => (_arg, target) => showOrder(ctx, target, !!target.args),
  'openclawAuth.setOrder': (ctx) => viaRemote(ctx, 'setOrder', (arg, target) => setOrderCommand(ctx, arg, target)),
  'openclawAuth.clearOrder': (ctx) =>
    viaRemote(ctx, 'clearOrder', (arg, target) => clearOrderCommand(ctx, arg, target)),
  'openclawAuth.removeProfile': (ctx) =>
    viaRemote(ctx, 'removeProfile', (arg, target) => removeProfileCommand(ctx, arg, target)),
  'openclawAuth.moveUp': (ctx) => (_arg, target) => moveCommand(ctx, target, -1),
  'openclawAuth.moveDown': (ctx) => (_arg, target) => moveCommand(ctx, target, 1),
  'openclawAuth.reauthenticate': (ctx) => (arg, target) => reauthenticateCommand(ctx, arg, target),
  'openclawAuth.copyProfileId':
    () =>
    async (_arg, { profileId }) => {
      if (profileId) await vscode.env.clipboard.writeText(profileId);
      return profileId;
    },
  'openclawAuth.showStatus': (ctx) => () =>
    settled(() => runOpenclawInTerminal(ctx, 'OpenClaw status', openclaw.status())),
  'openclawAuth.check': (ctx) => (_arg, target) => checkCommand(ctx, target),
  'openclawAuth.runDoctor': (ctx) => (_arg, target) => runDoctorCommand(ctx, target),
  'openclawAuth.runOnboarding': (ctx) => () =>
    settled(() => runOpenclawInTerminal(ctx, 'OpenClaw onboarding', openclaw.onboard())),
  'openclawAuth.restartGateway': (ctx) => () =>
    settled(() => runOpenclawInTerminal(ctx, 'OpenClaw gateway', openclaw.gatewayRestart())),
  'openclawAuth.testConnection': (ctx) =>
    viaRemote(ctx, 'testConnection', (_arg, target) => testConnectionCommand(ctx, target)),
  'openclawAuth.selectAgent': (ctx) => (_arg, target) => selectAgentCommand(ctx, target),
  'openclawAuth.openConfig': (ctx) => () => openConfigCommand(ctx),
  'openclawAuth.showLog': (ctx) => () => settled(() => ctx.log.show()),
  ...signInCommands,
  ...pinCommands,
};
