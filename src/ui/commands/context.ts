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

/**
 * Who a command is about, parsed once in `registerCommands` from whatever invoked it: a tree row (menus, drops), a
 * `TargetRef` (status-bar and notification links, warning fixes), or automation's arguments object.
 */
export interface CommandTarget {
  agentId?: string;
  providerId?: string;
  profileId?: string;
  /** A remote gateway's row (its id in remoteGateways.ts): the command acts through that gateway, never the CLI. */
  remoteId?: string;
  /** Automation's arguments object as given (secrets, `profileIds`, `expiresIn`…): no prompts, failures reject. */
  args?: Record<string, unknown>;
}

/** A row named by its ids: what links and fixes pass instead of a whole serialised tree node. */
export interface TargetRef {
  kind: 'target';
  agentId?: string;
  providerId?: string;
  profileId?: string;
}

export function targetRef(ids: { agentId?: string; providerId?: string; profileId?: string }): TargetRef {
  const ref: TargetRef = { kind: 'target' };
  if (ids.agentId) ref.agentId = ids.agentId;
  if (ids.providerId) ref.providerId = ids.providerId;
  if (ids.profileId) ref.profileId = ids.profileId;
  return ref;
}

/** A tree row or a `TargetRef`: a person clicked something (prompts allowed, errors become a message). */
export function isNode(value: unknown): value is { kind: string } {
  return !!value && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Automation's arguments object (not a row, a link or a file Uri). */
export function isArgs(arg: unknown): arg is Record<string, unknown> {
  return !!arg && typeof arg === 'object' && !isNode(arg) && !(arg instanceof vscode.Uri);
}

/** A non-blank string argument, else undefined. */
// Not trimmed: an id reaches ids.ts exactly as given, so one with odd characters is refused, never quietly changed.
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** The fields a row or a reference may carry; read as `unknown` because a link's arguments went through JSON. */
interface RowFields {
  kind: string;
  remoteId?: unknown;
  agentId?: unknown;
  agent?: { id?: unknown };
  provider?: unknown;
  providerId?: unknown;
  profile?: { id?: unknown; provider?: unknown; profileId?: unknown };
  profileId?: unknown;
}

function rowTarget(row: RowFields): CommandTarget {
  const provider = row.provider;
  switch (row.kind) {
    case 'target':
      return { agentId: str(row.agentId), providerId: str(row.providerId), profileId: str(row.profileId) };
    case 'agent':
      return { agentId: str(row.agent?.id) };
    case 'connection':
    case 'remoteAgent':
      return { remoteId: str(row.remoteId), agentId: str(row.agentId) };
    case 'remoteProvider': // like a ProviderNode: the gateway's whole provider entry
      return {
        remoteId: str(row.remoteId),
        agentId: str(row.agentId),
        providerId:
          provider && typeof provider === 'object' ? str((provider as { provider?: unknown }).provider) : undefined,
      };
    case 'remoteProfile':
      return {
        remoteId: str(row.remoteId),
        agentId: str(row.agentId),
        providerId: str(provider),
        profileId: str(row.profile?.profileId),
      };
    case 'provider': // a ProviderNode holds the whole provider
      return {
        agentId: str(row.agentId),
        providerId: provider && typeof provider === 'object' ? str((provider as { id?: unknown }).id) : undefined,
      };
    default: // profile and env rows name their provider by id
      return {
        agentId: str(row.agentId),
        providerId: str(provider) ?? str(row.profile?.provider),
        profileId: str(row.profile?.id),
      };
  }
}

/** Parses any command argument into ids; the one place that knows the shapes of rows and arguments. */
export function targetOf(arg: unknown): CommandTarget {
  let target: CommandTarget = {};
  if (isNode(arg)) target = rowTarget(arg);
  else if (isArgs(arg))
    target = {
      agentId: str(arg.agent),
      providerId: str(arg.provider),
      profileId: str(arg.profileId),
      remoteId: str(arg.remoteId),
      args: arg,
    };
  // Only the ids that are there: `{ ...target }` spreads into argument objects without `undefined` members.
  return Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined));
}

/** Error text for a person: our own messages and the CLI's reason; never a stack. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
