import os = require('node:os');
import vscode = require('vscode');
import { OpenClawSession, type SessionSettings } from './openclaw/session';
import type { Snapshot } from './openclaw/types';
import { registerCommands } from './ui/commands';
import { attachGateway, GatewayStore, type GatewayModule, type GatewayView } from './ui/gateway';
import { attachGatewayPins, GatewayPins } from './ui/gatewayPins';
import { registerRemoteGatewayCommands } from './ui/commands/remoteGateway';
import { RemoteGatewayStore } from './ui/remoteGateways';
import type { RemoteView } from './openclaw/gateway/remoteSession';
import { chosenAgent, settleAgentWarning } from './ui/agentChoice';
import { useLanguage } from './ui/l10n';
import { Log } from './ui/log';
import { Notifications } from './ui/notifications';
import { PinNotifications } from './ui/pinNotifications';
import { Settings } from './ui/settings';
import { SnapshotStore } from './ui/snapshotStore';
import { SlowReadNotice, withReadProgress } from './ui/slowRead';
import { StatusBar } from './ui/statusBar';
import { UsageStatusItem } from './ui/usageStatus';
import { ProfilesTree } from './ui/tree';
import { Watcher } from './ui/watcher';

/** The API other extensions (and the tests) use. Field names are a contract. */
export interface OpenClawAuthApi {
  getSnapshot(): Snapshot | undefined;
  refresh(): Promise<Snapshot>;
  onDidChangeSnapshot: vscode.Event<Snapshot>;
  /** The live local gateway: its state and what it last reported (`models.authStatus` per agent, `usage.status`). */
  getGatewayState(): GatewayView;
  onDidChangeGateway: vscode.Event<GatewayView>;
  /** Remote gateways the user added (no secrets): state, pairing request, last `models.authStatus`. */
  getRemoteGateways(): readonly RemoteView[];
  onDidChangeRemoteGateways: vscode.Event<RemoteView | undefined>;
}

const SELECTED_AGENT_KEY = 'openclawAuth.selectedAgent';

const SESSION_KEYS = ['cliPath', 'nodePath', 'stateDir', 'profile'] as const;

function sessionSettings(s: Settings): SessionSettings {
  return { cliPath: s.cliPath, nodePath: s.nodePath, stateDir: s.stateDir, profile: s.profile };
}

export function activate(context: vscode.ExtensionContext): OpenClawAuthApi {
  const activatedAt = performance.now();
  const log = new Log();
  const sinceActivation = () => Math.round(performance.now() - activatedAt);
  // Startup timing (issue 14 §5, test/e2e/person.test.ts reads these lines): the wall clock, because the log's own
  // timestamps are those of a batched write.
  log.info(
    `activating at ${new Date(performance.timeOrigin + activatedAt).toISOString()}, ${Math.round(activatedAt)} ms after the extension host started`,
  );
  const settings = new Settings();
  useLanguage(settings.language, context.asAbsolutePath('l10n'));
  const session = new OpenClawSession(sessionSettings(settings), {
    env: process.env,
    homedir: os.homedir(),
    readerScript: context.asAbsolutePath('dist/sqlite-reader.js'),
    log: (line) => log.info(line),
    // The CLI's version, asked after the first read when its package does not say it.
    changed: () => void store.refresh('cli').catch(() => undefined),
  });
  const selectedAgent = (): string | undefined =>
    chosenAgent(context.workspaceState.get<string>(SELECTED_AGENT_KEY), settings.defaultAgent);
  // Session pins from the connected gateway, once it has answered (bound below; the first read never waits for it).
  const gatewayPins = new GatewayPins(log);
  const store = new SnapshotStore(
    // A read through the CLI (no node:sqlite found) takes seconds: the view shows its progress bar meanwhile.
    withReadProgress(async () =>
      settleAgentWarning(
        await session.read({ warnWindowMs: settings.warnWindowMs, gatewayPins: gatewayPins.current() }),
        selectedAgent(),
      ),
    ),
    (error, reason) => log.error(`refresh (${reason}) failed: ${errorText(error)}`),
  );
  const watcher = new Watcher(store, settings, log);
  const tree = new ProfilesTree(store, watcher.onDidRepaint, (line) =>
    log.info(`${line}, ${sinceActivation()} ms after activation`),
  );
  const { version } = context.extension.packageJSON as { version?: unknown };
  const clientVersion = typeof version === 'string' ? version : '0.0.0';
  // The gateway client is a separate bundle, loaded on first use so activation does not pay for it.
  const loadGateway = (): GatewayModule =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle whose path is known only at run time
    require(context.asAbsolutePath('dist/gateway.js')) as GatewayModule;
  const gateway = new GatewayStore({
    snapshots: store,
    log,
    clientVersion,
    load: loadGateway,
    locate: () => session.where(),
    // The gateway client (~360 KB to load, then a connection) waits for the tree's first rows, or a few seconds when
    // the view is closed: loaded at the first snapshot, it delayed the rows' round trip by its load time.
    notBefore: Promise.race([tree.firstRows.then(() => delay(300)), delay(3000)]),
  });
  attachGateway(context, gateway);
  tree.attachGateway(gateway);
  gatewayPins.bind(gateway, store);
  attachGatewayPins(context, gatewayPins);
  context.subscriptions.push(gatewayPins);
  // Remote gateways (added by the user, paired): their sessions start after activation returns.
  const remotes = new RemoteGatewayStore({
    globalState: context.globalState,
    secrets: context.secrets,
    log,
    load: loadGateway,
    clientVersion,
  });
  const startRemotes = setImmediate(() => void remotes.startAll());
  tree.attachRemotes(remotes);
  const statusBar = new StatusBar(store, settings, watcher.onDidRepaint);
  statusBar.attachRemotes(remotes);
  context.subscriptions.push(remotes, ...registerRemoteGatewayCommands(remotes), {
    dispose: () => clearImmediate(startRemotes),
  });
  context.subscriptions.push(
    log,
    settings,
    session,
    store,
    ...registerCommands({
      store,
      log,
      extension: context,
      cli: () => session.cli,
      cliEnv: () => session.env(),
      profile: () => session.profile,
      selectedAgent,
      setSelectedAgent: async (agent) => context.workspaceState.update(SELECTED_AGENT_KEY, agent),
      captureSetupToken: () => settings.captureSetupToken,
    }),
    watcher,
    tree,
    statusBar,
    new Notifications(store, settings, context),
    new PinNotifications(store, settings, context),
    new SlowReadNotice(store, context.globalState),
    gateway,
    new UsageStatusItem(gateway, settings, context.globalState),
    settings.onDidChange((change) => {
      if (change.affects('language')) {
        useLanguage(settings.language, context.asAbsolutePath('l10n'));
        log.info(`language: ${settings.language}`);
      }
      // Only cliPath, nodePath, stateDir and profile rebuild the session, and only when VS Code says one of them
      // changed: in a remote window (code-server) re-reading them after another key's update can come back empty,
      // and a language switch must not drop the SQLite reader. The rest applies at the next read.
      if (SESSION_KEYS.some((k) => change.affects(k))) session.update(sessionSettings(settings));
      void store.refresh('settings');
    }),
    firstReadAfterActivation(store),
    onceFirst(store.onDidChange, (s) =>
      log.info(`first snapshot (${s.readPath}, read ${s.readMs} ms), ${sinceActivation()} ms after activation`),
    ),
  );
  log.info(`activated in ${sinceActivation()} ms`);
  return {
    getSnapshot: () => store.current,
    refresh: () => store.refresh('api'),
    onDidChangeSnapshot: store.onDidChange,
    getGatewayState: () => gateway.current,
    onDidChangeGateway: gateway.onDidChange,
    getRemoteGateways: () => remotes.views(),
    onDidChangeRemoteGateways: remotes.onDidChange,
  };
}

/**
 * Nothing heavy on the activation path: finding the CLI and reading happen after activate() returns. Even the
 * synchronous start of a read (looking up the CLI, spawning `openclaw --version`) is left to the next turn.
 */
function firstReadAfterActivation(store: SnapshotStore): vscode.Disposable {
  const first = setImmediate(() => void store.refresh('activate').catch(() => undefined));
  return { dispose: () => clearImmediate(first) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

function onceFirst<T>(event: vscode.Event<T>, then: (value: T) => void): vscode.Disposable {
  const sub = event((value) => {
    sub.dispose();
    then(value);
  });
  return sub;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function deactivate(): void {
  // Disposables (including the SQLite child process) are released through context.subscriptions.
}
