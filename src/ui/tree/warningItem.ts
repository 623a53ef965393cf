// A warning row at the top of the view: the localised message (ui/warnings.ts) and the one command that fixes it.

import vscode = require('vscode');
import { t } from '../l10n';
import type { Snapshot, Warning } from '../../openclaw/types';
import { code, md } from '../format';
import { warningText } from '../warnings';
import { plain } from '../../openclaw/untrusted';
import { findProfile, type WarningNode } from '../treeNodes';
import { targetRef } from '../commands/context';
import type { Row } from './row';

/** The one action that resolves each warning, by its code (never by matching parts of it). */
export function warningFix(warning: Warning, snapshot: Snapshot | undefined): vscode.Command | undefined {
  const node = warning.profileId && snapshot ? findProfile(snapshot, warning.profileId, warning.agent) : undefined;
  const profile = node && targetRef({ agentId: node.agentId, providerId: node.provider, profileId: node.profile.id });
  const open = warning.path
    ? { command: 'vscode.open', title: t('Open File'), arguments: [vscode.Uri.file(warning.path)] }
    : undefined;
  switch (warning.code) {
    case 'MIGRATION_REQUIRED':
    case 'MIGRATION_LEFTOVER':
    case 'INVALID_SHARED_AUTH_STORE_OWNERSHIP':
      return { command: 'openclawAuth.runDoctor', title: t('Run Doctor') };
    case 'CLI_MISSING':
    case 'STORES_UNREADABLE_NO_READER':
    case 'SQLITE_UNAVAILABLE':
      return { command: 'workbench.action.openSettings', title: t('Open Settings'), arguments: ['openclawAuth'] };
    case 'CLI_TOO_OLD':
    case 'CLI_READ_FAILED':
      return { command: 'openclawAuth.showLog', title: t('Show Log') };
    case 'EXPIRY_IN_SECONDS':
      return profile
        ? { command: 'openclawAuth.reauthenticate', title: t('Re-authenticate'), arguments: [profile] }
        : open;
    case 'PROFILE_DECLARED_NOT_STORED':
      return { command: 'openclawAuth.pasteToken', title: t('Paste Token…'), arguments: profile ? [profile] : [] };
    case 'SECRET_REF_UNSET':
      return { command: 'openclawAuth.auditSecrets', title: t('Audit Secrets') };
    case 'PLUGIN_UPGRADE_UNFINISHED':
      // OpenClaw's advice, as our own argv (runDoctor): the command text in its record is never run.
      return warning.params?.step === 'update-repair'
        ? { command: 'openclawAuth.runDoctor', title: t('Run Repair'), arguments: [{ repair: true, fromTree: true }] }
        : { command: 'openclawAuth.runDoctor', title: t('Run Doctor'), arguments: [{ fix: true, fromTree: true }] };
    default:
      return open;
  }
}

function warningHint(warning: Warning): string | undefined {
  switch (warning.code) {
    case 'CLI_MISSING':
      return t('Install it with `npm install -g openclaw`, or set `openclawAuth.cliPath`.');
    case 'CLI_TOO_OLD':
      return t('Update it with `npm install -g openclaw@latest`.');
    case 'MIGRATION_REQUIRED':
    case 'MIGRATION_LEFTOVER':
      return t('`openclaw doctor --fix` imports the old files into the SQLite store.');
    case 'SCHEMA_TOO_NEW':
      return t('This OpenClaw is newer than the extension knows; update the extension.');
    case 'SECRET_REF_UNSET':
      return t(
        'Set the variable where the gateway runs (its service environment or `~/.openclaw/.env`), or move the secret with `openclaw secrets configure`.',
      );
    case 'PLUGIN_UPGRADE_UNFINISHED':
      return t(
        'OpenClaw advises `openclaw update repair` (it installs the plugin, online), then `openclaw doctor --fix`. Or take the model that needs the plugin out of `openclaw.json` (in OpenClaw 2026.9, an `openai/…` model needs `codex`).',
      );
    case 'STORES_UNREADABLE_NO_READER':
      return t(
        'Install Node 22.13 or later or the OpenClaw CLI, or point `openclawAuth.nodePath` or `openclawAuth.cliPath` at one.',
      );
    default:
      return undefined;
  }
}

export const warningRow: Row<WarningNode> = {
  item({ warning: w }, { snapshot }) {
    // Warnings carry values from stores and the CLI (paths, reasons): the label gets them as plain characters.
    const text = plain(warningText(w, t));
    const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
    const fix = warningFix(w, snapshot);
    item.description = fix ? fix.title : undefined;
    item.command = fix;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    const hint = warningHint(w);
    item.tooltip = new vscode.MarkdownString(
      [`**${md(w.code)}**`, '', md(text), ...(hint ? ['', hint] : []), ...(w.path ? ['', code(w.path)] : [])].join(
        '\n',
      ),
    );
    item.accessibilityInformation = { label: t('Warning: {0}', text) };
    return item;
  },
};
