// Every OpenClaw command the extension runs, as the argument array after `openclaw`: the one place that knows the
// CLI's command words and flags (checked against openclaw@2026.9.6 `--help` and `docs/cli/models.md` in the package
// under .vscode-test/oc-current/node_modules/openclaw/). Callers validate ids first (ids.ts, input.ts); nothing
// here ever holds a secret: secrets go on stdin.

/** The named-profile root flag, always first: `--profile <name>` before the command words (the only place it is added). */
export function withProfile(profile: string | undefined, args: readonly string[]): string[] {
  return profile ? ['--profile', profile, ...args] : [...args];
}

/** `--agent <id>` when an agent is named. */
function agentFlag(agent: string | undefined): string[] {
  return agent === undefined ? [] : ['--agent', agent];
}

export const openclaw = {
  version: (): string[] => ['--version'],

  pasteToken: (provider: string, profileId: string, expiresIn: string | undefined, agent?: string): string[] => [
    ...['models', 'auth', 'paste-token', '--provider', provider, '--profile-id', profileId],
    ...(expiresIn ? ['--expires-in', expiresIn] : []),
    ...agentFlag(agent),
  ],
  pasteApiKey: (provider: string, profileId: string, agent?: string): string[] => [
    ...['models', 'auth', 'paste-api-key', '--provider', provider, '--profile-id', profileId],
    ...agentFlag(agent),
  ],
  /** Options before the positional ids, so an id can never be read as an option. */
  orderSet: (provider: string, profileIds: readonly string[], agent?: string): string[] => [
    ...['models', 'auth', 'order', 'set', '--provider', provider],
    ...agentFlag(agent),
    ...profileIds,
  ],
  orderClear: (provider: string, agent?: string): string[] => [
    ...['models', 'auth', 'order', 'clear', '--provider', provider],
    ...agentFlag(agent),
  ],
  orderGetJson: (provider: string, agent: string): string[] => [
    ...['models', 'auth', 'order', 'get', '--provider', provider, '--json'],
    ...agentFlag(agent),
  ],
  /** `logout --yes` removes the profile without a prompt; the id last, after every option. */
  logout: (profileId: string, agent?: string): string[] => [
    ...['models', 'auth', 'logout', '--yes'],
    ...agentFlag(agent),
    profileId,
  ],
  /** `activate` tests a saved sign-in and makes it the agent's (no `--json`); the id last, after every option. */
  activate: (profileId: string, agent?: string): string[] => [
    ...['models', 'auth', 'activate'],
    ...agentFlag(agent),
    profileId,
  ],
  /** Read-only scan for plaintext secrets and unresolved refs; exec refs are skipped (no `--allow-exec`, ever). */
  secretsAuditJson: (): string[] => ['secrets', 'audit', '--json'],
  /** The interactive planner that moves secrets to SecretRefs (needs a TTY: run in a terminal). */
  secretsConfigure: (): string[] => ['secrets', 'configure'],
  authListJson: (agent: string): string[] => ['models', 'auth', 'list', '--json', ...agentFlag(agent)],
  status: (): string[] => ['models', 'status'],
  /** Exit 0 ok, 1 a route in use is unusable, 2 one expires soon. */
  check: (agent?: string): string[] => ['models', 'status', '--check', ...agentFlag(agent)],
  /** A sign-in flow in a terminal: `--device-code` or `--method`, and `--profile-id` to re-authenticate one profile. */
  login: (
    provider: string,
    how: { method?: string; deviceCode?: boolean; profileId?: string },
    agent?: string,
  ): string[] => [
    ...['models', 'auth', 'login', '--provider', provider],
    ...(how.deviceCode ? ['--device-code'] : how.method !== undefined ? ['--method', how.method] : []),
    ...(how.profileId !== undefined ? ['--profile-id', how.profileId] : []),
    ...agentFlag(agent),
  ],
  doctor: (fix: boolean): string[] => (fix ? ['doctor', '--fix'] : ['doctor']),
  /** What OpenClaw advises for an unfinished plugin upgrade (pluginUpgrades.ts), before `doctor --fix`. */
  updateRepair: (): string[] => ['update', 'repair'],
  onboard: (): string[] => ['onboard'],
  gatewayRestart: (): string[] => ['gateway', 'restart'],
};
