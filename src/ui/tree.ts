// The Auth Profiles view: renders the current snapshot, never patches it. Drag and drop asks the
// CLI (through the setOrder command) and the new order comes back through the watcher.
//
// Adding a row kind: (1) a member of the `TreeNode` union in treeNodes.ts, with its `nodeId` and
// `contextValue` cases (plain data, unit-tested); (2) one file `tree/<kind>Item.ts` exporting a `Row`
// (`item`; `children` and `parent` if it has them); (3) its entry in `tree/rows.ts` (the compiler asks
// for it). The parent row's `children` returns the new nodes (or `roots()` below, for a top-level row).

import os = require('node:os');
import vscode = require('vscode');
import { t } from './l10n';
import type { Snapshot } from '../openclaw/types';
import { summarize } from '../openclaw/attention';
import { summaryWords } from './format';
import type { UsageProvider } from '../openclaw/gateway/schemas';
import type { RemoteView } from '../openclaw/gateway/remoteSession';
import type { SnapshotStore } from './snapshotStore';
import { showInfo } from './messages';
import { pendingRows } from './pending';
import { pinGroupNodes } from './tree/pinItem';
import { plain } from '../openclaw/untrusted';
import { contextValue, nodeId, profileNodes, reorder, viewState, type ProfileNode, type TreeNode } from './treeNodes';
import { childrenOf, parentOf, renderRow } from './tree/rows';
import type { RowContext } from './tree/row';

export { agentExpanded, EXPAND_ALL_AGENTS_UP_TO } from './tree/agentItem';
export { warningFix } from './tree/warningItem';

/** What the tree needs from the store; tests pass a fake with an EventEmitter. */
export type SnapshotSource = Pick<SnapshotStore, 'current' | 'onDidChange'>;

export const VIEW_ID = 'openclawAuth.profiles';
/** How long the view's first request waits for the first snapshot before it takes the empty answer. */
const FIRST_SNAPSHOT_WAIT_MS = 5000;
const DRAG_MIME = 'application/vnd.code.tree.openclawauth.profiles';

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
  live: RowContext['live'];

  /** Told once when the view first gets rows (startup timing). */
  private firstRows: (() => void) | undefined;

  /** `options` lets tests fix the clock and catch the setOrder call a drop makes. */
  constructor(
    private readonly store: SnapshotSource,
    repaint?: vscode.Event<void>,
    options: {
      now?: () => number;
      execute?: typeof vscode.commands.executeCommand;
      onFirstRows?: () => void;
    } = {},
  ) {
    this.firstRows = options.onFirstRows;
    this.now = options.now ?? Date.now;
    this.execute = options.execute ?? vscode.commands.executeCommand;
    this.subscriptions.push(store.onDidChange(() => this.changed.fire(undefined)));
    if (repaint) this.subscriptions.push(repaint(() => this.changed.fire(undefined)));
    this.subscriptions.push(pendingRows.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const snapshot = this.store.current;
    if (!snapshot) return [];
    if (this.firstRows) {
      this.firstRows();
      this.firstRows = undefined;
    }
    // With a remote gateway added, the top level is connections; this machine's rows sit under "This machine".
    const connections = this.remotes?.() ?? [];
    if (!node && connections.length)
      return [
        { kind: 'connection' },
        ...connections.map((r) => ({ kind: 'connection' as const, remoteId: r.view.id })),
      ];
    if (node?.kind === 'connection' && node.remoteId === undefined) return this.roots(snapshot);
    return node ? childrenOf(node, this.context(snapshot)) : this.roots(snapshot);
  }

  private context(snapshot: Snapshot | undefined, now = this.now()): RowContext {
    return { now, snapshot, usage: this.usage, live: this.live, remotes: this.remotes };
  }

  /** Remote gateways (src/ui/remoteGateways.ts); none added keeps the tree exactly as without them. */
  remotes: RowContext['remotes'];

  private roots(snapshot: Snapshot): TreeNode[] {
    const warnings: TreeNode[] = snapshot.warnings.map((warning) => ({ kind: 'warning', warning }));
    // An empty tree lets the welcome view speak; it already says the CLI is missing.
    if (viewState(snapshot) !== 'ok' && snapshot.warnings.every((w) => w.code === 'CLI_MISSING')) return [];
    const agents = snapshot.agents;
    const body: TreeNode[] =
      agents.length > 1
        ? agents.map((agent) => ({ kind: 'agent', agent }))
        : agents.flatMap((agent) =>
            agent.providers.map((provider) => ({ kind: 'provider', agentId: agent.id, provider })),
          );
    const claude: TreeNode[] = snapshot.claudeCli ? [{ kind: 'claude', login: snapshot.claudeCli }] : [];
    // One agent: its pinned sessions sit at the top level beside its providers.
    const pins: TreeNode[] = agents.length === 1 && agents[0] ? pinGroupNodes(agents[0]) : [];
    return [...warnings, ...body, ...pins, ...claude];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const snapshot = this.store.current;
    if (!snapshot) return undefined;
    const parent = parentOf(node, this.context(snapshot));
    // A local top-level row sits under "This machine" while connections are shown.
    if (!parent && node.kind !== 'connection' && this.remotes?.().length) return { kind: 'connection' };
    return parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = this.now();
    const item = renderRow(node, this.context(this.store.current, now));
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

  /**
   * Resolves once the view was given its first rows: work the first paint must not wait for (loading the gateway
   * client) starts after it. Never resolves while the view stays closed, so callers race it with a timer.
   */
  readonly firstRows: Promise<void>;

  /** `timing`: one line when the view first asks for rows and one when it first gets them (startup, for the log). */
  constructor(store: SnapshotSource, repaint?: vscode.Event<void>, timing?: (line: string) => void) {
    let shown = (): void => undefined;
    this.firstRows = new Promise((resolve) => (shown = resolve));
    let asked = false;
    this.provider = new ProfilesTreeDataProvider(store, repaint, {
      onFirstRows: () => {
        timing?.('first rows given to the view');
        shown();
      },
    });
    const provider = this.provider;
    const firstSnapshot = (): Promise<TreeNode[]> =>
      new Promise((resolve) => {
        const done = (): void => {
          sub.dispose();
          clearTimeout(timer);
          resolve(provider.getChildren());
        };
        const sub = store.onDidChange(done);
        // A first read that fails fires no change: the view then gets the empty answer (and its welcome text).
        const timer = setTimeout(done, FIRST_SNAPSHOT_WAIT_MS);
      });
    this.view = vscode.window.createTreeView(VIEW_ID, {
      // The view opened before the first read finished is answered when it has (one request to the extension
      // host, not an empty answer and a second request after the change event: 140-460 ms in the e2e run).
      treeDataProvider: {
        onDidChangeTreeData: provider.onDidChangeTreeData,
        getChildren: (node?: TreeNode) => {
          if (!node && !asked) {
            asked = true;
            timing?.(`the view first asked for rows (${store.current ? 'snapshot ready' : 'no snapshot yet'})`);
          }
          return node || store.current ? provider.getChildren(node) : firstSnapshot();
        },
        getTreeItem: (node: TreeNode) => provider.getTreeItem(node),
        getParent: (node: TreeNode) => provider.getParent(node),
      },
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
    const summary = summarize(snapshot);
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
    liveRow: NonNullable<RowContext['live']>;
    onDidChange: vscode.Event<unknown>;
  }): void {
    this.provider.usage = (provider) => gateway.usageFor(provider);
    this.provider.live = (agentId, provider, profileId, now) => gateway.liveRow(agentId, provider, profileId, now);
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

  /** Remote gateways: connections at the top level while at least one is added, repainted on each change. */
  attachRemotes(remotes: {
    views(): readonly RemoteView[];
    get(id: string): { tlsFingerprint?: string | undefined } | undefined;
    onDidChange: vscode.Event<unknown>;
  }): void {
    this.provider.remotes = () =>
      remotes.views().map((view) => ({ view, tlsFingerprint: remotes.get(view.id)?.tlsFingerprint }));
    this.subscriptions.push(remotes.onDidChange(() => this.provider.repaintAll()));
    this.provider.repaintAll();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
