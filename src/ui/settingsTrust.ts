// Which layer of a setting the extension listens to. No `vscode` import: the rule is unit-tested on plain Node.
//
// - `user`: paths that pick the program that runs or the state whose secrets are read (cliPath, nodePath,
//   stateDir, profile) and captureSetupToken: only the user's own settings, and nothing at all in an
//   untrusted workspace (a cloned repository must not choose a binary or read tokens out of a terminal).
// - `trusted-workspace`: settings that change what a person is warned about or which agent commands act for
//   (warnWindowHours, statusBar, notifications, defaultAgent, usageWarnPercent, usageInStatusBar): a trusted
//   workspace may set them, as any window setting; in an untrusted one only the user's value counts, so a cloned
//   repository cannot hide an expiry or usage warning or point commands at another agent.

export type TrustPolicy = 'user' | 'trusted-workspace';

export interface Layers<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value to use for a setting under `policy`, or undefined for "use the default". */
export function effectiveValue<T>(layers: Layers<T> | undefined, policy: TrustPolicy, trusted: boolean): T | undefined {
  if (!layers) return undefined;
  if (policy === 'user') return trusted ? layers.globalValue : undefined;
  if (!trusted) return layers.globalValue;
  return layers.workspaceFolderValue ?? layers.workspaceValue ?? layers.globalValue;
}
