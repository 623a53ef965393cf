// What reading OpenClaw costs to set up, owned in one place: the found CLI (finding it may start `openclaw --version`)
// and the SQLite source (possibly a long-lived child Node). Both depend only on the settings that pick them
// (`cliPath`, `nodePath`, `stateDir`, `profile`); everything else (the warning window, which agent the UI acts for)
// is an option of one read, so changing it never restarts the reader child or looks for the CLI again.

import type { CliInfo } from './cli';
import { type FindCliOptions, findCli, findNodeCandidates } from './findCli';
import type { LocateOptions } from './locate';
import type { SqliteSource } from './model';
import { type ReadOptions, Reader } from './snapshot';
import { createSqliteSource, type SqliteSourceOptions } from './sqlite';
import type { Snapshot } from './types';

/** The settings that pick the CLI, the Node for the SQLite child and the state read. Empty means "not set". */
export interface SessionSettings {
  cliPath: string;
  nodePath: string;
  stateDir: string;
  profile: string;
}

export interface SessionDeps {
  /** The extension host's environment (the state-dir setting is layered on top). */
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** `dist/sqlite-reader.js`: the script the SQLite child runs. */
  readerScript: string;
  /** One line per (re)build, for the log. */
  log?: (line: string) => void;
  /** Tests count and fake these; the defaults are the real ones. */
  findCli?: (opts: FindCliOptions) => Promise<CliInfo | undefined>;
  createSource?: (opts: SqliteSourceOptions) => Promise<SqliteSource | undefined>;
  now?: () => number;
}

interface Built {
  cli: CliInfo | undefined;
  sqlite: SqliteSource | undefined;
  reader: Reader;
  builtAt: number;
}

/** A CLI that was missing may have been installed since: look again at most this often. */
const MISSING_CLI_RETRY_MS = 10_000;
const PICKING: readonly (keyof SessionSettings)[] = ['cliPath', 'nodePath', 'stateDir', 'profile'];

export class OpenClawSession {
  private settings: SessionSettings;
  private building: Promise<Built> | undefined;
  private current: Built | undefined;
  private disposed = false;

  constructor(
    settings: SessionSettings,
    private readonly deps: SessionDeps,
  ) {
    this.settings = { ...settings };
  }

  /** The CLI found by the last build, if any (undefined until the first read has found it). */
  get cli(): CliInfo | undefined {
    return this.current?.cli;
  }

  /** The named profile (`--profile`), if one is set. */
  get profile(): string | undefined {
    return this.settings.profile || undefined;
  }

  /** Env for CLI processes and terminals: the host's env with the state-dir setting on top. */
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...this.deps.env };
    if (this.settings.stateDir) env.OPENCLAW_STATE_DIR = this.settings.stateDir;
    return env;
  }

  /** Where the state is, as the reader and the gateway discovery locate it. */
  where(): LocateOptions {
    const s = this.settings;
    return {
      env: this.env(),
      homedir: this.deps.homedir,
      ...(s.stateDir ? { stateDirOverride: s.stateDir } : {}),
      ...(s.profile ? { profile: s.profile } : {}),
    };
  }

  /** New settings; the CLI and the SQLite source are rebuilt (at the next read) only when one that picks them changed. */
  update(settings: SessionSettings): boolean {
    const changed = PICKING.some((k) => settings[k] !== this.settings[k]);
    this.settings = { ...settings };
    if (changed) this.reset();
    return changed;
  }

  async read(options: ReadOptions): Promise<Snapshot> {
    if (this.disposed) throw new Error('OpenClawSession is disposed');
    const now = this.deps.now ?? Date.now;
    if (this.current && !this.current.cli && now() - this.current.builtAt > MISSING_CLI_RETRY_MS) this.reset();
    this.building ??= this.build();
    this.current = await this.building;
    return this.current.reader.read(options);
  }

  private async build(): Promise<Built> {
    const { settings: s, deps } = this;
    const env = this.env();
    const cli = await (deps.findCli ?? findCli)({
      ...(s.cliPath ? { setting: s.cliPath } : {}),
      ...(s.nodePath ? { nodePath: s.nodePath } : {}),
      env,
      homedir: deps.homedir,
    });
    const nodeCandidates = [
      ...(s.nodePath ? [s.nodePath] : []),
      ...(cli?.nodeCandidates ?? findNodeCandidates({ env, homedir: deps.homedir })),
    ];
    const sqlite = await (deps.createSource ?? createSqliteSource)({
      nodeCandidates,
      readerScript: deps.readerScript,
      ...(s.nodePath ? { nodePath: s.nodePath } : {}),
    });
    deps.log?.(
      `openclaw CLI: ${cli ? `${cli.path} (${cli.version})` : 'not found'}; SQLite reader: ${sqlite?.kind ?? 'none (reading through the CLI)'}`,
    );
    const reader = new Reader({
      ...this.where(),
      ...(cli ? { cli } : {}),
      ...(sqlite ? { sqlite } : {}),
    });
    return { cli, sqlite, reader, builtAt: (deps.now ?? Date.now)() };
  }

  /** Drops what was built; a reader child still starting is disposed once it has started. */
  private reset(): void {
    const old = this.building;
    this.building = undefined;
    // `current` stays until the next read replaces it: commands between now and then still have a CLI to run.
    void old?.then(
      (b) => b.sqlite?.dispose(),
      () => undefined,
    );
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }
}
