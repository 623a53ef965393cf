// What reading OpenClaw costs to set up, owned in one place: the found CLI (finding it may start `openclaw --version`)
// and the SQLite source (possibly a long-lived child Node). Both depend only on the settings that pick them
// (`cliPath`, `nodePath`, `stateDir`, `profile`); everything else (the warning window, which agent the UI acts for)
// is an option of one read, so changing it never restarts the reader child or looks for the CLI again.

import type { CliInfo } from './cli';
import { cliVersion, type FindCliOptions, findCli, findNodeCandidates } from './findCli';
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
  /** What the next read returns changed without a file changing (the CLI's version, asked after the first read). */
  changed?: () => void;
  /** Tests count and fake these; the defaults are the real ones. */
  findCli?: (opts: FindCliOptions) => Promise<CliInfo | undefined>;
  cliVersion?: (cli: CliInfo, env: NodeJS.ProcessEnv) => Promise<string | undefined>;
  createSource?: (opts: SqliteSourceOptions) => Promise<SqliteSource | undefined>;
  now?: () => number;
}

interface Built {
  cli: CliInfo | undefined;
  /** Settles once the reader child said hello (or no Node had node:sqlite); then `source` holds the answer. */
  sqlite: Promise<SqliteSource | undefined>;
  source?: SqliteSource | undefined;
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
  /** Counts builds, so an answer for an older one (the CLI's version) is dropped. */
  private generation = 0;
  /** A CLI found without a version did not answer `--version`: look again, running it for every candidate. */
  private strictVersion = false;
  private versionAsk: (() => void) | undefined;

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
    if (changed) {
      this.strictVersion = false;
      this.reset();
    }
    return changed;
  }

  async read(options: ReadOptions): Promise<Snapshot> {
    if (this.disposed) throw new Error('OpenClawSession is disposed');
    const now = this.deps.now ?? Date.now;
    if (this.current && !this.current.cli && now() - this.current.builtAt > MISSING_CLI_RETRY_MS) this.reset();
    this.building ??= this.build();
    this.current = await this.building;
    try {
      return await this.current.reader.read(options);
    } finally {
      const ask = this.versionAsk;
      this.versionAsk = undefined;
      ask?.();
    }
  }

  private async build(): Promise<Built> {
    const { settings: s, deps } = this;
    const env = this.env();
    const started = performance.now();
    const generation = this.generation;
    const createSource = (nodeCandidates: string[]) =>
      (deps.createSource ?? createSqliteSource)({
        nodeCandidates,
        readerScript: deps.readerScript,
        ...(s.nodePath ? { nodePath: s.nodePath } : {}),
      });
    // The reader child's Node start-up is the longest step of a first read: it starts first, on the Nodes found
    // without the CLI, and runs while the CLI is looked for and the config parsed (the Reader waits for it only
    // at the stores). A Node known only from beside the CLI is tried if none of those has node:sqlite.
    const general = [...(s.nodePath ? [s.nodePath] : []), ...findNodeCandidates({ env, homedir: deps.homedir })];
    const early = createSource(general);
    // The first read needs where the CLI is, not its version: a package that does not say it (a wrapper script, a
    // standalone binary) is asked `--version` (seconds) after the first read, not before it.
    const cli = await (deps.findCli ?? findCli)({
      ...(s.cliPath ? { setting: s.cliPath } : {}),
      ...(s.nodePath ? { nodePath: s.nodePath } : {}),
      env,
      homedir: deps.homedir,
      deferVersion: !this.strictVersion,
    });
    const foundCli = performance.now();
    const nearCli = (cli?.nodeCandidates ?? []).filter((n) => !general.includes(n));
    const sqlite = early.then((source) => source ?? (nearCli.length ? createSource(nearCli) : undefined));
    const ms = (a: number, b: number) => Math.round(b - a);
    deps.log?.(
      `openclaw CLI: ${cli ? `${cli.path} (${cli.version || 'version not asked yet'})` : 'not found'} (${ms(started, foundCli)} ms)`,
    );
    void sqlite.then((source) =>
      deps.log?.(
        `SQLite reader: ${source?.kind ?? 'none (reading through the CLI)'} (${ms(started, performance.now())} ms)`,
      ),
    );
    const built: Built = { cli, sqlite, reader: this.reader(cli, sqlite), builtAt: (deps.now ?? Date.now)() };
    // Once started, later reads get the source itself, so a child that exited while idle restarts at the read's start.
    void sqlite.then((source) => {
      built.source = source;
      built.reader = this.reader(built.cli, source);
    });
    // Asked once the first read is done: `openclaw --version` is a second Node start competing for the CPU with it.
    if (cli && !cli.version) this.versionAsk = () => void this.askVersion(built, cli, env, generation);
    return built;
  }

  private reader(
    cli: CliInfo | undefined,
    sqlite: SqliteSource | Promise<SqliteSource | undefined> | undefined,
  ): Reader {
    return new Reader({ ...this.where(), ...(cli ? { cli } : {}), ...(sqlite ? { sqlite } : {}) });
  }

  /** The version the CLI's package did not say: the next read has it; no answer means look for the CLI again. */
  private async askVersion(built: Built, cli: CliInfo, env: NodeJS.ProcessEnv, generation: number): Promise<void> {
    const version = await (this.deps.cliVersion ?? cliVersion)(cli, env);
    if (this.disposed || generation !== this.generation) return;
    this.deps.log?.(`openclaw CLI ${cli.path}: ${version ? `version ${version}` : 'no version from --version'}`);
    if (version) {
      built.cli = { ...cli, version };
      built.reader = this.reader(built.cli, 'source' in built ? built.source : built.sqlite);
    } else {
      this.strictVersion = true;
      this.reset();
    }
    this.deps.changed?.();
  }

  /** Drops what was built; a reader child still starting is disposed once it has started. */
  private reset(): void {
    this.generation++;
    const old = this.building;
    this.building = undefined;
    // `current` stays until the next read replaces it: commands between now and then still have a CLI to run.
    void old
      ?.then((b) => b.sqlite)
      .then(
        (source) => source?.dispose(),
        () => undefined,
      );
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }
}
