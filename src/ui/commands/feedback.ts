import vscode = require('vscode');
import { t } from '../l10n';
import type { OperationResult } from '../../openclaw/operations';
import type { CommandContext } from './context';
import { gatewayAdvice, gatewayOf } from '../gateway';
import { showInfo } from '../messages';

/**
 * Tells the person what changed, without blocking the caller. When OpenClaw could not make a running gateway
 * reload its auth: refreshes it over the extension's own connection when there is one (`models.authRefresh`);
 * says nothing about gateways when none runs; otherwise offers to restart it.
 */
/** A follow-up the message offers (for example "Use First" after a paste the order would not use). */
export interface ChangeAction {
  title: string;
  run: () => unknown;
}

function say(message: string, actions: readonly ChangeAction[]): void {
  void showInfo(message, ...actions.map((a) => a.title)).then((choice) => {
    const action = actions.find((a) => a.title === choice);
    if (action) void Promise.resolve(action.run()).catch(() => undefined);
  });
}

export function afterChange(
  ctx: CommandContext,
  result: OperationResult,
  message: string,
  actions: readonly ChangeAction[] = [],
): void {
  ctx.log.info(message);
  if (!result.gatewayNotRefreshed) {
    say(message, actions);
    return;
  }
  const gateway = gatewayOf(ctx.extension);
  const advice = gatewayAdvice(gateway?.current);
  if (advice === 'refresh' && gateway) {
    // Refresh, then confirm in authStatus that the gateway now sees what the files say.
    void gateway.refreshAuth('update', result.agent).then(
      (confirmed) => {
        ctx.log.info(`gateway: models.authRefresh after a change it could not pick up (confirmed: ${confirmed})`);
        say(
          `${message} ${confirmed ? t('The running gateway was refreshed.') : t('The running gateway was refreshed but still reports something else; its rows say what.')}`,
          actions,
        );
      },
      (error: unknown) => {
        ctx.log.warn(`gateway: models.authRefresh failed: ${error instanceof Error ? error.message : String(error)}`);
        offerRestart(message);
      },
    );
  } else if (advice === 'none') say(message, actions);
  else offerRestart(message);
}

function offerRestart(message: string): void {
  const restart = t('Restart Gateway');
  void showInfo(
    `${message} ${t('A running gateway could not reload it; restart the gateway if one is running.')}`,
    restart,
  ).then((choice) => {
    if (choice === restart) void vscode.commands.executeCommand('openclawAuth.restartGateway');
  });
}
