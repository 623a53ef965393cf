import vscode = require('vscode');
import { Cancelled, type CommandContext, type CommandTarget, errorMessage, isArgs, targetOf } from './context';
import { t } from '../l10n';
import { showError } from '../messages';

/** `arg` is what the command was called with (for where progress shows); `target` is it parsed into ids. */
export type Handler = (arg: unknown, target: CommandTarget) => Promise<unknown>;

/** The commands `registerCommands` registers: package.json's (test/unit/commandIds.test.ts holds the three equal). */
export const COMMAND_IDS = [
  'openclawAuth.chooseLanguage',
  'openclawAuth.refresh',
  'openclawAuth.pasteToken',
  'openclawAuth.pasteApiKey',
  'openclawAuth.setupToken',
  'openclawAuth.showOrder',
  'openclawAuth.setOrder',
  'openclawAuth.clearOrder',
  'openclawAuth.removeProfile',
  'openclawAuth.moveUp',
  'openclawAuth.moveDown',
  'openclawAuth.reauthenticate',
  'openclawAuth.copyProfileId',
  'openclawAuth.showStatus',
  'openclawAuth.check',
  'openclawAuth.runDoctor',
  'openclawAuth.runOnboarding',
  'openclawAuth.restartGateway',
  'openclawAuth.testConnection',
  'openclawAuth.selectAgent',
  'openclawAuth.openConfig',
  'openclawAuth.showLog',
  'openclawAuth.signIn',
  'openclawAuth.recordExpiry',
  'openclawAuth.useSignIn',
  'openclawAuth.whyProfile',
  'openclawAuth.auditSecrets',
  'openclawAuth.repinSession',
  'openclawAuth.clearSessionPin',
  'openclawAuth.copyRepinCommand',
] as const;

export type HandlerTable = Readonly<Record<string, (ctx: CommandContext) => Handler>>;

/**
 * The implementations (handlers.ts) are a chunk of their own, loaded at the first command: activation reads and
 * paints without them (the activation bundle's budget, `npm run bench`). One load, shared by every command.
 */
const loadHandlers = async (): Promise<HandlerTable> => (await import('./handlers')).handlers;

/**
 * Registers every command. Called with an arguments object (automation, tests), a command runs without
 * prompts and rejects with the reason; called by a person, errors become a message and Escape is silent.
 */
export function registerCommands(ctx: CommandContext, load = loadHandlers): vscode.Disposable[] {
  let table: Promise<HandlerTable> | undefined;
  return COMMAND_IDS.map((id) => {
    let handler: Handler | undefined;
    return vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        if (!handler) {
          // A failed load (a chunk missing from a broken install) is tried again at the next command.
          const factory = (
            await (table ??= load().catch((error: unknown) => {
              table = undefined;
              throw error;
            }))
          )[id];
          if (!factory)
            throw new Error(
              t('The command {0} is missing from this install of OpenClaw Auth; reinstall the extension.', id),
            );
          handler = factory(ctx);
        }
        return await handler(arg, targetOf(arg));
      } catch (error) {
        if (error instanceof Cancelled) return undefined;
        ctx.log.error(`${id}: ${errorMessage(error)}`);
        // Automation gets the error; a person (the palette, a row, a drop) gets a message.
        if (isArgs(arg) && arg.fromTree !== true) throw error;
        void showError(errorMessage(error));
        return undefined;
      }
    });
  });
}
