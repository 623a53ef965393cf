// Icons shared by several row kinds.

import vscode = require('vscode');
import type { Health } from '../../openclaw/types';

export function healthIcon(health: Health | undefined): vscode.ThemeIcon {
  switch (health) {
    case 'ok':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'expiring':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'expired':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'missing':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.errorForeground'));
    case 'unknown':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('disabledForeground'));
    case 'static':
      return new vscode.ThemeIcon('key');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}
