import vscode = require('vscode');
import type { OperationResult } from '../../openclaw/operations';
import type { CommandContext } from './context';
import { showInfo } from '../messages';

/**
 * Tells the person what changed, without blocking the caller. When OpenClaw could not make a running
 * gateway reload its auth, offers to restart it (OpenClaw prints that warning after every saved change).
 */
export function afterChange(ctx: CommandContext, result: OperationResult, message: string): void {
  if (result.gatewayNotRefreshed) {
    const restart = vscode.l10n.t('Restart Gateway');
    void vscode.window
      .showInformationMessage(`${message} ${vscode.l10n.t('A running gateway could not reload it; restart the gateway if one is running.')}`, restart)
      .then((choice) => {
        if (choice === restart) void vscode.commands.executeCommand('openclawAuth.restartGateway');
      });
  } else {
    void showInfo(message);
  }
  ctx.log.info(message);
}
