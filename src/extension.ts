import os = require('node:os');
import vscode = require('vscode');
import { type CliInfo, findCli, findNodeCandidates } from './openclaw/cli';
import type { SqliteSource } from './openclaw/model';
import { Reader } from './openclaw/snapshot';
import { createSqliteSource } from './openclaw/sqlite';
import type { Snapshot } from './openclaw/types';
import { registerCommands } from './ui/commands';
import { attachGateway, GatewayStore, type GatewayModule, type GatewayView } from './ui/gateway';
import type { CommandContext } from './ui/commands/context';
import { useLanguage } from './ui/l10n';
import { Log } from './ui/log';
import { Notifications } from './ui/notifications';
import { Settings } from './ui/settings';
import { SnapshotStore } from './ui/snapshotStore';
import { StatusBar } from './ui/statusBar';
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
}

/** What reading needs and what is costly to set up: found once, rebuilt when a setting that picks it changes. */
interface Runtime {
  cli: CliInfo | undefined;
  sqlite: SqliteSource | undefined;
  reader: Reader;
  builtAt: number;
}

export function activate(context: vscode.ExtensionContext): OpenClawAuthApi {
  const log = new Log();
  const settings = new Settings();
  context.subscriptions.push(log, settings);
  useLanguage(settings.language, context.asAbsolutePath('l10n'));

  const cliEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (settings.stateDir) env.OPENCLAW_STATE_DIR = settings.stateDir;
    return env;
  };

  let runtime: Promise<Runtime> | undefined;
  const buildRuntime = async (): Promise<Runtime> => {
    const env = cliEnv();
    const cli = await findCli({
      setting: settings.cliPath || undefined,
      nodePath: settings.nodePath || undefined,
      env,
      homedir: os.homedir(),
    });
    const nodeCandidates = [
      ...(settings.nodePath ? [settings.nodePath] : []),
      ...(cli?.nodeCandidates ?? findNodeCandidates({ env, homedir: os.homedir() })),
    ];
    const sqlite = await createSqliteSource({
      nodeCandidates,
      readerScript: context.asAbsolutePath('dist/sqlite-reader.js'),
      ...(settings.nodePath ? { nodePath: settings.nodePath } : {}),
    });
    log.info(
      `openclaw CLI: ${cli ? `${cli.path} (${cli.version})` : 'not found'}; SQLite reader: ${sqlite?.kind ?? 'none (reading through the CLI)'}`,
    );
    const reader = new Reader({
      env,
      homedir: os.homedir(),
      warnWindowMs: settings.warnWindowMs,
      ...(settings.stateDir ? { stateDirOverride: settings.stateDir } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
      ...((selectedAgent() ?? settings.defaultAgent) ? { defaultAgent: selectedAgent() ?? settings.defaultAgent } : {}),
      ...(cli ? { cli } : {}),
      ...(sqlite ? { sqlite } : {}),
    });
    return { cli, sqlite, reader, builtAt: Date.now() };
  };
  const resetRuntime = (): void => {
    const old = runtime;
    runtime = undefined;
    void old?.then(
      (r) => r.sqlite?.dispose(),
      () => undefined,
    );
  };
  context.subscriptions.push({ dispose: resetRuntime });

  let current: Runtime | undefined;
  const read = async (): Promise<Snapshot> => {
    // A missing CLI may have been installed since: look again, at most every 10 s.
    if (current && !current.cli && Date.now() - current.builtAt > 10_000) resetRuntime();
    runtime ??= buildRuntime();
    current = await runtime;
    return current.reader.read();
  };

  const store = new SnapshotStore(read, (error, reason) =>
    log.error(`refresh (${reason}) failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  context.subscriptions.push(store);

  const selectedAgent = (): string | undefined =>
    context.workspaceState.get<string>('openclawAuth.selectedAgent') || undefined;

  const ctx: CommandContext = {
    store,
    log,
    extension: context,
    cli: () => current?.cli,
    cliEnv,
    profile: () => settings.profile || undefined,
    selectedAgent,
    setSelectedAgent: async (agent) => {
      await context.workspaceState.update('openclawAuth.selectedAgent', agent);
      resetRuntime();
    },
    captureSetupToken: () => settings.captureSetupToken,
  };
  context.subscriptions.push(...registerCommands(ctx));

  const watcher = new Watcher(store, settings, log);
  const tree = new ProfilesTree(store, watcher.onDidRepaint);
  const statusBar = new StatusBar(store, settings, watcher.onDidRepaint);
  const notifier = new Notifications(store, settings, context);
  context.subscriptions.push(watcher, tree, statusBar, notifier);

  // The live gateway starts after the first snapshot and never delays it; its client is a separate bundle.
  const gateway = new GatewayStore({
    snapshots: store,
    log,
    clientVersion: String(context.extension.packageJSON.version ?? '0.0.0'),
    load: () => require(context.asAbsolutePath('dist/gateway.js')) as GatewayModule,
    locate: () => ({
      env: cliEnv(),
      homedir: os.homedir(),
      ...(settings.stateDir ? { stateDirOverride: settings.stateDir } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    }),
  });
  attachGateway(context, gateway);
  tree.attachGateway(gateway);
  context.subscriptions.push(gateway);

  context.subscriptions.push(
    settings.onDidChange((change) => {
      if (change.affects('language')) {
        useLanguage(settings.language, context.asAbsolutePath('l10n'));
        log.info(`language: ${settings.language}`);
      }
      if (
        change.keys.some((k) =>
          ['cliPath', 'nodePath', 'stateDir', 'profile', 'warnWindowHours', 'defaultAgent'].includes(k),
        )
      )
        resetRuntime();
      void store.refresh('settings');
    }),
  );

  // Nothing heavy on the activation path: finding the CLI and reading happen after activate() returns. Even the
  // synchronous start of a read (looking up the CLI, spawning `openclaw --version`) is left to the next turn.
  const first = setImmediate(() => void store.refresh('activate').catch(() => undefined));
  context.subscriptions.push({ dispose: () => clearImmediate(first) });

  return {
    getSnapshot: () => store.current,
    refresh: () => store.refresh('api'),
    onDidChangeSnapshot: store.onDidChange,
    getGatewayState: () => gateway.current,
    onDidChangeGateway: gateway.onDidChange,
  };
}

export function deactivate(): void {
  // Disposables (including the SQLite child process) are released through context.subscriptions.
}
