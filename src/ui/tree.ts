// The Auth Profiles view: renders the current snapshot, never patches it. Drag and drop asks the
// CLI (through the setOrder command) and the new order comes back through the watcher.

import os = require('node:os');
import vscode = require('vscode');
import { t } from './l10n';
import type { Health, Snapshot, Warning } from '../openclaw/types';
import {
  describeProfile,
  expiryWords,
  healthWords,
  md,
  code,
  needsAttention,
  neededWords,
  orderSourceWords,
  profileTooltip,
  selfRefreshing,
  summarize,
  summaryWords,
  unavailableWords,
  usageTooltip,
  usageWords,
  worstHealth,
} from './format';
import type { UsageProvider } from '../openclaw/gateway/schemas';
import type { SnapshotStore } from './snapshotStore';
import { showInfo } from './messages';
import { pendingRows } from './pending';
import { warningText } from './warnings';
import { plain } from '../openclaw/untrusted';
import {
  contextValue,
  findProfile,
  nodeId,
  profileNodes,
  reorder,
  viewState,
  type ProfileNode,
  type TreeNode,
} from './treeNodes';

export const VIEW_ID = 'openclawAuth.profiles';
const DRAG_MIME = 'application/vnd.code.tree.openclawauth.profiles';

/** What the tree needs from the store; tests pass a fake with an EventEmitter. */
export type SnapshotSource = Pick<SnapshotStore, 'current' | 'onDidChange'>;

function healthIcon(health: Health | undefined): vscode.ThemeIcon {
  switch (health) {
    case 'ok':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'expiring':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'expired':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'missing':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.errorForeground'));
    case 'unknown':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('disabledForeground'));
    case 'static':
      return new vscode.ThemeIcon('key');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

function profileIcon(node: ProfileNode, now: number): vscode.ThemeIcon {
  const p = node.profile;
  if (p.refreshing) return new vscode.ThemeIcon('sync~spin');
  // Expired, but OpenClaw refreshes it on the next request: not an error.
  if (selfRefreshing(p)) return new vscode.ThemeIcon('sync');
  if (needsAttention(p.health)) return healthIcon(p.health);
  if (p.disabledUntil !== undefined && p.disabledUntil > now)
    return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
  if (p.cooldownUntil !== undefined && p.cooldownUntil > now)
    return new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground'));
  if (p.excluded) return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
  return healthIcon(p.health);
}

/** The command that fixes what a warning row reports, if there is one. */
/** The one action that resolves each warning, by its code (never by matching parts of it). */
export function warningFix(warning: Warning, snapshot: Snapshot | undefined): vscode.Command | undefined {
  const profile = warning.profileId && snapshot ? findProfile(snapshot, warning.profileId, warning.agent) : undefined;
  const open = warning.path
    ? { command: 'vscode.open', title: t('Open File'), arguments: [vscode.Uri.file(warning.path)] }
    : undefined;
  switch (warning.code) {
    case 'MIGRATION_REQUIRED':
    case 'MIGRATION_LEFTOVER':
    case 'INVALID_SHARED_AUTH_STORE_OWNERSHIP':
      return { command: 'openclawAuth.runDoctor', title: t('Run Doctor') };
    case 'CLI_MISSING':
    case 'STORES_UNREADABLE_NO_READER':
    case 'SQLITE_UNAVAILABLE':
      return { command: 'workbench.action.openSettings', title: t('Open Settings'), arguments: ['openclawAuth'] };
    case 'CLI_TOO_OLD':
    case 'CLI_READ_FAILED':
      return { command: 'openclawAuth.showLog', title: t('Show Log') };
    case 'EXPIRY_IN_SECONDS':
      return profile
        ? { command: 'openclawAuth.reauthenticate', title: t('Re-authenticate'), arguments: [profile] }
        : open;
    case 'PROFILE_DECLARED_NOT_STORED':
      return { command: 'openclawAuth.pasteToken', title: t('Paste Token…'), arguments: profile ? [profile] : [] };
    default:
      return open;
  }
}

function warningHint(warning: Warning): string | undefined {
  switch (warning.code) {
    case 'CLI_MISSING':
      return t('Install it with `npm install -g openclaw`, or set `openclawAuth.cliPath`.');
    case 'CLI_TOO_OLD':
      return t('Update it with `npm install -g openclaw@latest`.');
    case 'MIGRATION_REQUIRED':
    case 'MIGRATION_LEFTOVER':
      return t('`openclaw doctor --fix` imports the old files into the SQLite store.');
    case 'SCHEMA_TOO_NEW':
      return t('This OpenClaw is newer than the extension knows; update the extension.');
    case 'STORES_UNREADABLE_NO_READER':
      return t(
        'Install Node 22.13 or later or the OpenClaw CLI, or point `openclawAuth.nodePath` or `openclawAuth.cliPath` at one.',
      );
    default:
      return undefined;
  }
}

/** Up to this many agents, every agent starts expanded; with more, only the default one and those needing attention. */
export const EXPAND_ALL_AGENTS_UP_TO = 5;

/**
 * Whether an agent row starts expanded. Expanding 50 agents of 200 profiles each would send 10,000 rows to
 * the workbench at once (tens of MB in the extension host) to show a user what they mostly need not see.
 * VS Code remembers what the user expands or collapses afterwards (rows keep their ids).
 */
export function agentExpanded(agent: { isDefault: boolean }, health: Health | undefined, agentCount: number): boolean {
  return agentCount <= EXPAND_ALL_AGENTS_UP_TO || agent.isDefault || needsAttention(health);
}

/** A row whose change is under way (commands/progress.ts): shown with a spinner until the snapshot has it. */
function isPending(node: TreeNode): boolean {
  if (pendingRows.size === 0) return false;
  if (node.kind === 'profile') return pendingRows.has(node.agentId, node.provider, node.profile.id);
  if (node.kind === 'provider') return pendingRows.has(node.agentId, node.provider.id);
  return false;
}

export class ProfilesTreeDataProvider
  implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, vscode.Disposable
{
  readonly dragMimeTypes = [DRAG_MIME];
  readonly dropMimeTypes = [DRAG_MIME];
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  private readonly now: () => number;
  private readonly execute: typeof vscode.commands.executeCommand;
  /** Usage windows from the live gateway (src/ui/gateway.ts), when one is connected. */
  usage: ((provider: string) => UsageProvider | undefined) | undefined;

  /** `options` lets tests fix the clock and catch the setOrder call a drop makes. */
  constructor(
    private readonly store: SnapshotSource,
    repaint?: vscode.Event<void>,
    options: { now?: () => number; execute?: typeof vscode.commands.executeCommand } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.execute = options.execute ?? vscode.commands.executeCommand;
    this.subscriptions.push(store.onDidChange(() => this.changed.fire(undefined)));
    if (repaint) this.subscriptions.push(repaint(() => this.changed.fire(undefined)));
    this.subscriptions.push(pendingRows.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const snapshot = this.store.current;
    if (!snapshot) return [];
    if (!node) return this.roots(snapshot);
    switch (node.kind) {
      case 'agent':
        return node.agent.providers.map((provider) => ({ kind: 'provider', agentId: node.agent.id, provider }));
      case 'provider':
        return [
          ...profileNodes(node.agentId, node.provider),
          ...(node.provider.env ?? []).map((env) => ({
            kind: 'env' as const,
            agentId: node.agentId,
            provider: node.provider.id,
            env,
          })),
        ];
      default:
        return [];
    }
  }

  private roots(snapshot: Snapshot): TreeNode[] {
    const warnings: TreeNode[] = snapshot.warnings.map((warning) => ({ kind: 'warning', warning }));
    // An empty tree lets the welcome view speak; it already says the CLI is missing.
    if (viewState(snapshot) !== 'ok' && snapshot.warnings.every((w) => w.code === 'CLI_MISSING')) return [];
    const agents = snapshot.agents;
    const body: TreeNode[] =
      agents.length > 1
        ? agents.map((agent) => ({ kind: 'agent', agent }))
        : (agents[0]?.providers ?? []).map((provider) => ({ kind: 'provider', agentId: agents[0]!.id, provider }));
    const claude: TreeNode[] = snapshot.claudeCli ? [{ kind: 'claude', login: snapshot.claudeCli }] : [];
    return [...warnings, ...body, ...claude];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const snapshot = this.store.current;
    if (!snapshot) return undefined;
    const agent = 'agentId' in node ? snapshot.agents.find((a) => a.id === node.agentId) : undefined;
    if (!agent) return undefined;
    if (node.kind === 'provider') return snapshot.agents.length > 1 ? { kind: 'agent', agent } : undefined;
    const provider = agent.providers.find((p) => p.id === (node as { provider: string }).provider);
    return provider ? { kind: 'provider', agentId: agent.id, provider } : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = this.now();
    const item = this.render(node, now);
    if (isPending(node)) {
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.description = [t('saving…'), typeof item.description === 'string' ? item.description : '']
        .filter(Boolean)
        .join(' · ');
      if (item.accessibilityInformation)
        item.accessibilityInformation = {
          ...item.accessibilityInformation,
          label: `${item.accessibilityInformation.label}, ${t('saving…')}`,
        };
    }
    // Ids, names, reasons and warning text come from stores and config: shown as characters, nothing more.
    if (typeof item.label === 'string') item.label = plain(item.label, 300);
    if (typeof item.description === 'string') item.description = plain(item.description, 300);
    if (item.accessibilityInformation)
      item.accessibilityInformation = {
        ...item.accessibilityInformation,
        label: plain(item.accessibilityInformation.label, 600),
      };
    item.id = nodeId(node);
    item.contextValue = contextValue(node, now);
    return item;
  }

  private render(node: TreeNode, now: number): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'agent': {
        const a = node.agent;
        const health = worstHealth(a.providers.map((p) => p.health));
        const item = new vscode.TreeItem(
          a.name ?? a.id,
          agentExpanded(a, health, this.store.current?.agents.length ?? 0)
            ? Expanded
            : vscode.TreeItemCollapsibleState.Collapsed,
        );
        const words = [
          a.name ? a.id : '',
          a.isDefault ? t('default') : '',
          health ? healthWords(health, t) : '',
        ].filter(Boolean);
        item.description = words.join(' · ');
        item.iconPath = new vscode.ThemeIcon('hubot', health ? healthIcon(health).color : undefined);
        item.tooltip = new vscode.MarkdownString(
          `**${md(t('Agent {0}', a.id))}**\n\n- ${md(t('Folder'))}: ${code(a.agentDir)}`,
        );
        item.accessibilityInformation = { label: t('Agent {0}, {1}', a.id, words.join(', ')) };
        return item;
      }
      case 'provider': {
        const p = node.provider;
        // A provider the models need but nothing signs in for has no profiles to list: its row says why it is there.
        const bare = p.profiles.length === 0 && !p.env?.length;
        const item = new vscode.TreeItem(p.id, bare ? None : Expanded);
        const count = p.profiles.length === 1 ? t('1 profile') : t('{0} profiles', p.profiles.length);
        const blocked = p.migrationBlocked ? t('blocked — run openclaw doctor --fix') : '';
        const needed = neededWords(p, t);
        const words =
          bare && needed
            ? [blocked, p.health ? healthWords(p.health, t) : '', needed]
            : [
                blocked,
                p.health ? healthWords(p.health, t) : '',
                unavailableWords(p, now, t) ?? '',
                count,
                orderSourceWords(p.orderSource, t),
              ];
        if (p.env?.length) words.push(t('environment'));
        const usage = this.usage?.(p.id);
        if (usage?.windows.length) words.push(usageWords(usage.windows));
        item.description = words.filter(Boolean).join(' · ');
        const unavailable = unavailableWords(p, now, t);
        item.iconPath = p.migrationBlocked
          ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'))
          : unavailable && !needsAttention(p.health)
            ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground'))
            : p.health === 'expired' &&
                p.profiles.every((x) => x.excluded || x.health !== 'expired' || selfRefreshing(x))
              ? new vscode.ThemeIcon('sync')
              : healthIcon(p.health);
        const order = p.order.length ? p.order.map(code).join(' → ') : md(t('none'));
        const usageLines = usage ? ['', `**${md(t('Usage (live gateway)'))}**`, ...usageTooltip(usage, now, t)] : [];
        const why = [
          ...(p.neededBy?.length ? [`- ${md(t('Needed by'))}: ${p.neededBy.map(code).join(', ')}`] : []),
          ...(bare && p.neededBy?.length
            ? [`- ${md(t('Credential'))}: ${md(t('none — no profile, no environment variable; Sign In… adds one'))}`]
            : []),
          ...(unavailable ? [`- ${md(t('Unavailable'))}: ${md(unavailable)}`] : []),
        ];
        item.tooltip = new vscode.MarkdownString(
          [`**${md(p.id)}** — ${md(item.description)}\n\n- ${md(t('Order'))}: ${order}`, ...why, ...usageLines].join(
            '\n',
          ),
        );
        item.accessibilityInformation = { label: t('Provider {0}, {1}', p.id, words.filter(Boolean).join(', ')) };
        return item;
      }
      case 'profile': {
        const p = node.profile;
        const item = new vscode.TreeItem(p.id, None);
        const provider = this.store.current?.agents
          .find((a) => a.id === node.agentId)
          ?.providers.find((x) => x.id === node.provider);
        item.description = (provider?.migrationBlocked ? `${t('blocked')} · ` : '') + describeProfile(p, now, t);
        item.iconPath = profileIcon(node, now);
        const multiAgent = (this.store.current?.agents.length ?? 0) > 1;
        item.tooltip = new vscode.MarkdownString(
          profileTooltip(
            p,
            {
              agentId: multiAgent ? node.agentId : undefined,
              orderSource: provider?.orderSource ?? 'automatic',
              count: node.count,
            },
            now,
            t,
          ),
        );
        item.accessibilityInformation = {
          label: t('Profile {0}, {1}, {2}', p.id, healthWords(p.health, t), item.description),
        };
        return item;
      }
      case 'env': {
        const e = node.env;
        const item = new vscode.TreeItem(e.variable, None);
        const from =
          e.source === 'process'
            ? t('process environment')
            : e.source === 'dotenv'
              ? t('.env file')
              : t('config env.vars');
        item.description = `${t('environment')} · ${from}`;
        item.iconPath = new vscode.ThemeIcon('symbol-variable');
        item.tooltip = new vscode.MarkdownString(
          [
            `**${md(e.variable)}** — ${md(t('a credential from the environment, not a profile'))}`,
            '',
            `- ${md(t('Secret'))}: ${code(e.masked)}`,
            `- ${md(t('From'))}: ${md(from)}${e.sourcePath ? ` ${code(e.sourcePath)}` : ''}`,
          ].join('\n'),
        );
        item.accessibilityInformation = { label: t('Environment variable {0} from {1}', e.variable, from) };
        return item;
      }
      case 'claude': {
        const l = node.login;
        const item = new vscode.TreeItem(t('Claude CLI login'), None);
        const expiry = expiryWords(
          { type: 'oauth', health: l.health, expiresAt: l.expiresAt, refreshable: l.refreshable },
          now,
          t,
        );
        const words = [
          l.refreshable ? t('refreshable') : '',
          expiry ?? '',
          l.subscriptionType ?? '',
          l.email ?? '',
        ].filter(Boolean);
        item.description = words.join(' · ');
        item.iconPath = healthIcon(l.health);
        const lines = [
          `**${md(t('Claude CLI login'))}** — ${md(healthWords(l.health, t))}`,
          '',
          `- ${md(t('File'))}: ${code(l.path)}`,
        ];
        if (l.expiresAt) lines.push(`- ${md(t('Expires'))}: ${code(new Date(l.expiresAt).toISOString())}`);
        lines.push('', md(t('OpenClaw no longer reports this login; `claude auth login` renews it.')));
        item.tooltip = new vscode.MarkdownString(lines.join('\n'));
        item.accessibilityInformation = {
          label: t('Claude CLI login, {0}, {1}', healthWords(l.health, t), item.description),
        };
        return item;
      }
      case 'warning': {
        const w = node.warning;
        const text = warningText(w, t);
        const item = new vscode.TreeItem(text, None);
        const fix = warningFix(w, this.store.current);
        item.description = fix ? fix.title : undefined;
        item.command = fix;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        const hint = warningHint(w);
        item.tooltip = new vscode.MarkdownString(
          [`**${md(w.code)}**`, '', md(text), ...(hint ? ['', hint] : []), ...(w.path ? ['', code(w.path)] : [])].join(
            '\n',
          ),
        );
        item.accessibilityInformation = { label: t('Warning: {0}', text) };
        return item;
      }
    }
  }

  /** Re-renders every row (the gateway's usage changed). */
  repaintAll(): void {
    this.changed.fire(undefined);
  }

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const profiles = source.filter((n): n is ProfileNode => n.kind === 'profile');
    if (profiles.length) data.set(DRAG_MIME, new vscode.DataTransferItem(profiles));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const dragged = data.get(DRAG_MIME)?.value as ProfileNode[] | undefined;
    const snapshot = this.store.current;
    if (!dragged?.length || !target || !snapshot || (target.kind !== 'profile' && target.kind !== 'provider')) return;
    const agentId = target.agentId;
    const providerId = target.kind === 'provider' ? target.provider.id : target.provider;
    if (dragged.some((n) => n.agentId !== agentId || n.provider !== providerId)) {
      void showInfo(t('Profiles can be reordered only within one provider.'));
      return;
    }
    const provider = snapshot.agents.find((a) => a.id === agentId)?.providers.find((p) => p.id === providerId);
    if (!provider) return;
    const profileIds = reorder(
      profileNodes(agentId, provider),
      dragged.map((n) => n.profile.id),
      target.kind === 'profile' ? target.profile.id : undefined,
    );
    await this.execute('openclawAuth.setOrder', { provider: providerId, profileIds, agent: agentId, fromTree: true });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/** Creates the view, keeps the welcome-view context key and the badge in step with the snapshot. */
export class ProfilesTree implements vscode.Disposable {
  readonly provider: ProfilesTreeDataProvider;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private stateWords: string | undefined;
  private gatewayWords: string | undefined;

  constructor(store: SnapshotSource, repaint?: vscode.Event<void>) {
    this.provider = new ProfilesTreeDataProvider(store, repaint);
    this.view = vscode.window.createTreeView(VIEW_ID, {
      treeDataProvider: this.provider,
      dragAndDropController: this.provider,
      showCollapseAll: true,
      canSelectMany: true,
    });
    this.subscriptions.push(
      this.provider,
      this.view,
      store.onDidChange((s) => this.update(s)),
    );
    if (store.current) this.update(store.current);
  }

  private update(snapshot: Snapshot): void {
    const state = viewState(snapshot);
    void vscode.commands.executeCommand('setContext', 'openclawAuth.state', state);
    // The welcome text is static: the host and folder it looked on go beside the view title (on a remote
    // window the extension host, and so os.hostname(), is the remote machine).
    this.stateWords = state === 'none' ? `${os.hostname()}: ${snapshot.stateDir}` : undefined;
    this.describe();
    void vscode.commands.executeCommand('setContext', 'openclawAuth.multipleAgents', snapshot.agents.length > 1);
    // Walkthrough steps complete from the state, whoever made it (a terminal, the CLI, another window).
    const providers = snapshot.agents.flatMap((a) => a.providers);
    void vscode.commands.executeCommand(
      'setContext',
      'openclawAuth.hasCredential',
      providers.some((p) => p.profiles.some((x) => !x.declaredOnly)),
    );
    void vscode.commands.executeCommand(
      'setContext',
      'openclawAuth.hasStoredOrder',
      providers.some((p) => p.orderSource === 'stored'),
    );
    const summary = summarize(snapshot, t);
    this.view.badge = summary.all.length ? { value: summary.all.length, tooltip: summaryWords(summary, t) } : undefined;
  }

  /** Asked again at every snapshot too, so a language switch re-words it without waiting for the gateway to change. */
  private gatewayWordsOf: (() => string | undefined) | undefined;

  private describe(): void {
    if (this.gatewayWordsOf) this.gatewayWords = this.gatewayWordsOf();
    this.view.description = [this.stateWords, this.gatewayWords].filter(Boolean).join(' · ') || undefined;
    // A view alone in its container shows no description (its title merges into the container's), so the
    // gateway's state also goes in the view's message line, above the rows, where it is always seen.
    this.view.message = this.gatewayWords;
  }

  /** The live gateway: its state beside the title ("gateway: connected") and usage windows on provider rows. */
  attachGateway(gateway: {
    words(): string | undefined;
    usageFor(provider: string): UsageProvider | undefined;
    usageKey(): string;
    onDidChange: vscode.Event<unknown>;
  }): void {
    this.provider.usage = (provider) => gateway.usageFor(provider);
    let shown = '';
    this.gatewayWordsOf = () => gateway.words();
    const show = (): void => {
      this.gatewayWords = gateway.words();
      this.describe();
      // Rows change only when usage does (auth status is fetched after every snapshot; usage seldom changes).
      if (gateway.usageKey() !== shown) this.provider.repaintAll();
      shown = gateway.usageKey();
    };
    this.subscriptions.push(gateway.onDidChange(show));
    show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
