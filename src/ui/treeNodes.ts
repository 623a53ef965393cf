// The rows of the Auth Profiles view as plain data: menus hand these to command handlers, and the
// status bar and notifications pass the same shapes as command arguments, so they must survive JSON.

import type {
  Agent,
  ClaudeCliLogin,
  EnvCredential,
  Profile,
  Provider,
  SessionPin,
  Snapshot,
  Warning,
} from '../openclaw/types';
import type { AuthStatus } from '../openclaw/gateway/schemas';

export interface AgentNode {
  kind: 'agent';
  agent: Agent;
}
export interface ProviderNode {
  kind: 'provider';
  agentId: string;
  provider: Provider;
}
export interface ProfileNode {
  kind: 'profile';
  agentId: string;
  provider: string;
  profile: Profile;
  /** Position among the profiles in effective order; -1 when excluded. */
  index: number;
  /** How many profiles the effective order holds. */
  count: number;
}
export interface EnvNode {
  kind: 'env';
  agentId: string;
  provider: string;
  env: EnvCredential;
}
export interface ClaudeNode {
  kind: 'claude';
  login: ClaudeCliLogin;
}
export interface WarningNode {
  kind: 'warning';
  warning: Warning;
}
/** "Pinned sessions" of an agent (src/ui/tree/pinItem.ts). */
export interface PinGroupNode {
  kind: 'pins';
  agentId: string;
  pins: SessionPin[];
}
/** One pinned session, in the agent's group or under the profile it pins. */
export interface PinNode {
  kind: 'pin';
  agentId: string;
  pin: SessionPin;
  under: 'group' | 'profile';
}

/** Top level once a remote gateway is added: this machine (no `remoteId`) or one remote gateway. */
export interface ConnectionNode {
  kind: 'connection';
  remoteId?: string;
}
type RemoteProvider = AuthStatus['providers'][number];
/** One agent of a remote gateway (shown when it lists more than one). */
export interface RemoteAgentNode {
  kind: 'remoteAgent';
  remoteId: string;
  agentId: string;
}
/**
 * A provider as a remote gateway's `models.authStatus` reports it. `agentId` is absent when the gateway did not list
 * its agents; `live` while connected with a known agent: only then can it be changed (through that gateway).
 */
export interface RemoteProviderNode {
  kind: 'remoteProvider';
  remoteId: string;
  agentId?: string;
  live?: boolean;
  provider: RemoteProvider;
}
export interface RemoteProfileNode {
  kind: 'remoteProfile';
  remoteId: string;
  agentId?: string;
  live?: boolean;
  provider: string;
  profile: RemoteProvider['profiles'][number];
}

export type TreeNode =
  | AgentNode
  | ProviderNode
  | ProfileNode
  | EnvNode
  | ClaudeNode
  | WarningNode
  | PinGroupNode
  | PinNode
  | ConnectionNode
  | RemoteAgentNode
  | RemoteProviderNode
  | RemoteProfileNode;

/** Profiles in effective order first, then the ones an explicit order leaves out. */
export function profileNodes(agentId: string, provider: Provider): ProfileNode[] {
  const ordered = provider.profiles
    .filter((p) => !p.excluded && p.orderIndex !== undefined)
    .sort((a, b) => (a.orderIndex ?? 0) - (b.orderIndex ?? 0));
  const rest = provider.profiles.filter((p) => !ordered.includes(p));
  const count = ordered.length;
  return [
    ...ordered.map((profile, index) => ({
      kind: 'profile' as const,
      agentId,
      provider: provider.id,
      profile,
      index,
      count,
    })),
    ...rest.map((profile) => ({
      kind: 'profile' as const,
      agentId,
      provider: provider.id,
      profile,
      index: profile.excluded ? -1 : count,
      count,
    })),
  ];
}

export function findProfile(snapshot: Snapshot, profileId: string, agentId?: string): ProfileNode | undefined {
  for (const agent of snapshot.agents) {
    if (agentId !== undefined && agent.id !== agentId) continue;
    for (const provider of agent.providers) {
      const node = profileNodes(agent.id, provider).find((n) => n.profile.id === profileId);
      if (node) return node;
    }
  }
  return undefined;
}

/** Stable across refreshes so VS Code keeps expansion and selection. */
export function nodeId(node: TreeNode): string {
  switch (node.kind) {
    case 'agent':
      return `agent/${node.agent.id}`;
    case 'provider':
      return `agent/${node.agentId}/provider/${node.provider.id}`;
    case 'profile':
      return `agent/${node.agentId}/provider/${node.provider}/profile/${node.profile.id}`;
    case 'env':
      return `agent/${node.agentId}/provider/${node.provider}/env/${node.env.variable}/${node.env.source}`;
    case 'claude':
      return 'claude-cli';
    case 'pins':
      return `agent/${node.agentId}/pins`;
    case 'pin':
      return `agent/${node.agentId}/pins/${node.under}/${node.pin.sessionKey}`;
    case 'connection':
      return node.remoteId === undefined ? 'connection/local' : `connection/${node.remoteId}`;
    case 'remoteAgent':
      return `connection/${node.remoteId}/agent/${node.agentId}`;
    case 'remoteProvider':
      return `connection/${node.remoteId}/agent/${node.agentId ?? ''}/provider/${node.provider.provider}`;
    case 'remoteProfile':
      return `connection/${node.remoteId}/agent/${node.agentId ?? ''}/provider/${node.provider}/profile/${node.profile.profileId}`;
    case 'warning': {
      const w = node.warning;
      return `warning/${w.code}/${w.agent ?? ''}/${w.provider ?? ''}/${w.profileId ?? ''}/${w.path ?? ''}`;
    }
  }
}

/** `;`-joined tokens with a trailing `;`, so `when` clauses can match `viewItem =~ /;expiring;/`. */
export function contextValue(node: TreeNode, now: number): string {
  const tokens: string[] = [node.kind];
  switch (node.kind) {
    case 'profile': {
      const p = node.profile;
      tokens.push(p.type, p.health);
      if (node.index === 0) tokens.push('first');
      if (node.index === node.count - 1) tokens.push('last');
      if (p.excluded || node.index < 0) tokens.push('excluded');
      if (p.cooldownUntil !== undefined && p.cooldownUntil > now) tokens.push('cooldown');
      if (p.disabledUntil !== undefined && p.disabledUntil > now) tokens.push('disabled');
      if (p.declaredOnly) tokens.push('declared');
      // A token saved without an expiry: "Record Expiry…" pastes it again with one.
      if (p.type === 'token' && p.health === 'static' && p.expiresAt === undefined) tokens.push('noexpiry');
      break;
    }
    case 'provider': {
      const p = node.provider;
      tokens.push(p.health ?? 'none', p.orderSource);
      if (p.profiles.length > 1) tokens.push('multiple');
      if (p.neededBy?.length) tokens.push('needed');
      // Nothing OpenClaw can use now: "Sign In…" on the row.
      const unavailable = p.unavailableUntil !== undefined && p.unavailableUntil > now;
      if (p.health === 'missing' || p.health === 'expired' || unavailable) tokens.push('signin');
      break;
    }
    case 'claude':
      tokens.push(node.login.health);
      break;
    case 'warning':
      tokens.push(node.warning.code);
      break;
    case 'env':
      tokens.push(node.env.source);
      break;
    case 'agent':
      if (node.agent.isDefault) tokens.push('default');
      break;
    case 'pins':
      if (node.pins.some((p) => p.status === 'dangling')) tokens.push('dangling');
      break;
    case 'pin':
      // Status first: the inline Re-pin matches `^pin;dangling;`.
      tokens.push(node.pin.status, node.pin.source);
      break;
    case 'connection':
      tokens.push(node.remoteId === undefined ? 'local' : 'remote');
      break;
    case 'remoteAgent': // no menu of its own yet
      break;
    // Remote rows: `live` (connected, agent known) gates every change; the rest say which changes the gateway takes.
    case 'remoteProvider': {
      const p = node.provider;
      tokens.push(p.status);
      if (node.live) tokens.push('live');
      if (p.profiles.length) tokens.push('profiles');
      if (p.profileOrderStored) tokens.push('stored');
      if (p.profileOrderLocked) tokens.push('locked');
      break;
    }
    case 'remoteProfile':
      tokens.push(node.profile.type, node.profile.status);
      if (node.live) tokens.push('live');
      if (node.profile.logoutSupported) tokens.push('removable');
      break;
  }
  return tokens.join(';') + ';';
}

export type ViewState = 'none' | 'noProfiles' | 'noCli' | 'ok';

/** Drives the welcome views (context key `openclawAuth.state`). */
export function viewState(snapshot: Snapshot): ViewState {
  const hasRows =
    snapshot.agents.some((a) => a.providers.some((p) => p.profiles.length > 0 || (p.env?.length ?? 0) > 0)) ||
    snapshot.claudeCli !== undefined;
  if (hasRows) return 'ok';
  if (snapshot.warnings.some((w) => w.code === 'CLI_MISSING')) return 'noCli';
  return snapshot.stateFound ? 'noProfiles' : 'none';
}

/** The new effective order after dropping `moved` before `before` (or at the end). */
export function reorder(nodes: readonly ProfileNode[], moved: readonly string[], before: string | undefined): string[] {
  const ordered = nodes
    .filter((n) => n.index >= 0 && !n.profile.excluded && !n.profile.declaredOnly)
    .map((n) => n.profile.id)
    .filter((id) => !moved.includes(id));
  const beforeIndex = before !== undefined ? ordered.indexOf(before) : -1;
  const at = beforeIndex >= 0 ? beforeIndex : ordered.length;
  return [...ordered.slice(0, at), ...moved, ...ordered.slice(at)];
}
