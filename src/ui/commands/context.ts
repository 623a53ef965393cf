import vscode = require('vscode');
import { t } from '../l10n';
import type { CliInfo } from '../../openclaw/cli';
import type { OperationContext } from '../../openclaw/operations';
import type { Agent, Profile, Provider, Snapshot } from '../../openclaw/types';
import type { SnapshotStore } from '../snapshotStore';
import { findProfile as findProfileNode } from '../treeNodes';

export interface CommandLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

/** What every command handler gets: the store, the CLI, and how to run things. Built once in extension.ts. */
export interface CommandContext {
  readonly store: SnapshotStore;
  readonly log: CommandLog;
  readonly extension: vscode.ExtensionContext;
  /** The CLI found at the last refresh, if any. */
  cli(): CliInfo | undefined;
  /** Env for CLI processes and terminals (the user's env plus state-dir overrides from settings). */
  cliEnv(): NodeJS.ProcessEnv;
  /** Named profile from settings (`--profile`). */
  profile(): string | undefined;
  /** The agent commands act for when none is named: Select Agent > setting > OpenClaw's default. */
  selectedAgent(): string | undefined;
  setSelectedAgent(agent: string | undefined): Promise<void>;
  captureSetupToken(): boolean;
}

/** Thrown to stop a prompt flow quietly (the person pressed Escape). */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

export function requireCli(ctx: CommandContext): CliInfo {
  const cli = ctx.cli();
  if (!cli) {
    throw new Error(t('OpenClaw CLI not found: install it (npm install -g openclaw) or set openclawAuth.cliPath.'));
  }
  return cli;
}

export function defaultAgentId(ctx: CommandContext, snapshot: Snapshot | undefined): string {
  const selected = ctx.selectedAgent();
  if (selected && snapshot?.agents.some((a) => a.id === selected)) return selected;
  return snapshot?.agents.find((a) => a.isDefault)?.id ?? snapshot?.agents[0]?.id ?? 'main';
}

export function operationContext(
  ctx: CommandContext,
  snapshot: Snapshot | undefined,
  signal?: AbortSignal,
): OperationContext {
  const op: OperationContext = {
    cli: requireCli(ctx),
    env: ctx.cliEnv(),
    agents: snapshot?.agents.map((a) => a.id) ?? [],
    defaultAgent: defaultAgentId(ctx, snapshot),
  };
  const profile = ctx.profile();
  if (profile) op.profile = profile;
  if (signal) op.signal = signal;
  return op;
}

export function findAgent(snapshot: Snapshot | undefined, agentId: string): Agent | undefined {
  return snapshot?.agents.find((a) => a.id === agentId);
}

export function findProvider(snapshot: Snapshot | undefined, agentId: string, provider: string): Provider | undefined {
  return findAgent(snapshot, agentId)?.providers.find((p) => p.id === provider);
}

/** The profile a command acts on: the tree's row for it (treeNodes.ts), unless it is declared only (nothing stored). */
export function findProfile(snapshot: Snapshot | undefined, agentId: string, profileId: string): Profile | undefined {
  const profile = snapshot ? findProfileNode(snapshot, profileId, agentId)?.profile : undefined;
  return profile?.declaredOnly ? undefined : profile;
}

/** A tree node passed by a menu, or an arguments object passed by automation. */
export interface NodeLike {
  kind?: string;
  agentId?: string;
  provider?: string | { id: string };
  profile?: Profile;
}

export function isNode(value: unknown): value is NodeLike {
  return !!value && typeof value === 'object' && typeof (value as NodeLike).kind === 'string';
}

export function nodeProvider(node: NodeLike): string | undefined {
  if (typeof node.provider === 'string') return node.provider;
  return node.provider?.id ?? node.profile?.provider;
}

/** Error text for a person: our own messages and the CLI's reason; never a stack. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
