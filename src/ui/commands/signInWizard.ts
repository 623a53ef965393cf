// Sign In… through the connected gateway: OpenClaw's own login runs as a wizard session on the gateway
// (`models.authLogin` + `wizard.next`/`wizard.cancel`, driven by ../../openclaw/gateway/wizard.ts) and each step is
// shown here: the provider's page opens with `vscode.env.openExternal` (http/https only; works over Remote-SSH, where
// the gateway host has no browser), a device code gets Copy and Open buttons and its expiry, a sensitive text step is
// a password box, choices are quick picks, notes are messages, and the gateway's work is a notification with Cancel.
// Text from the gateway is untrusted: it is shown through plain() and never becomes a link or a command.

import crypto = require('node:crypto');
import vscode = require('vscode');
import {
  runGatewayLogin,
  SETUP_BUSY_CODE,
  type RequestFn,
  type StepAction,
  type StepReply,
  type WizardOutcome,
  type WizardUi,
} from '../../openclaw/gateway/wizard';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { showInfo, showWarning } from '../messages';
import { Cancelled, type CommandContext } from './context';

const CANCEL: StepReply = { cancel: true };

/** One notification for the gateway's work; it stays open across progress steps and says the latest message. */
class GatewayProgress {
  private report: ((message: string) => void) | undefined;
  private close: (() => void) | undefined;
  private cancelled: Promise<StepReply> | undefined;

  constructor(private readonly title: string) {}

  /** Shows (or updates) the notification; resolves with a cancel when the person presses Cancel. */
  show(message: string): Promise<StepReply> {
    if (!this.cancelled) {
      this.cancelled = new Promise<StepReply>((resolveCancel) => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true },
          (progress, token) =>
            new Promise<void>((done) => {
              this.report = (m) => progress.report({ message: plain(m, 300) });
              this.close = done;
              token.onCancellationRequested(() => {
                resolveCancel(CANCEL);
                done();
              });
            }),
        );
      });
    }
    this.report?.(message);
    return this.cancelled;
  }

  dispose(): void {
    this.close?.();
    this.close = undefined;
    this.report = undefined;
    this.cancelled = undefined;
  }
}

async function openUrl(url: string): Promise<boolean> {
  // `url` passed safeExternalUrl (http/https, no credentials); Uri.parse keeps it as that scheme.
  const uri = vscode.Uri.parse(url, true);
  if (uri.scheme !== 'https' && uri.scheme !== 'http') return false;
  return vscode.env.openExternal(uri);
}

/** The WizardUi of a VS Code window. */
class VsCodeWizardUi implements WizardUi {
  private readonly progress: GatewayProgress;
  private openedUrl: string | undefined;

  constructor(
    private readonly title: string,
    private readonly log: CommandContext['log'],
  ) {
    this.progress = new GatewayProgress(title);
  }

  async step(action: StepAction, hint: { error?: string }): Promise<StepReply> {
    if (action.kind !== 'progress' && action.kind !== 'device-code') this.progress.dispose();
    this.log.info(`sign-in (gateway): step ${action.kind}`);
    switch (action.kind) {
      case 'progress':
        return this.progress.show(action.message || t('OpenClaw is working on the sign-in…'));
      case 'device-code':
        return this.deviceCode(action);
      case 'open-url':
        return this.openUrlStep(action.url, action.message);
      case 'note':
        if (!action.message.trim()) return { ack: true };
        return (await showInfo(plain(action.message, 1500), { modal: true }, t('Continue'))) ? { ack: true } : CANCEL;
      case 'text':
        return this.text(action, hint.error);
      case 'select':
        return this.select(action);
      case 'confirm': {
        const yes = t('Yes');
        const no = t('No');
        const picked = await vscode.window.showQuickPick(action.initial ? [yes, no] : [no, yes], {
          title: this.title,
          placeHolder: plain(action.message, 300),
          ignoreFocusOut: true,
        });
        return picked === undefined ? CANCEL : { value: picked === yes };
      }
      case 'unsupported':
        void showWarning(
          t(
            'The gateway asked for a sign-in step this extension cannot show ({0}); the sign-in was stopped.',
            plain(action.type, 40),
          ),
        );
        return CANCEL;
    }
  }

  dismiss(): void {
    // A device code's message box closes by itself when the next step comes; the progress stays until a step that needs the person.
  }

  end(): void {
    this.progress.dispose();
  }

  /** The provider's page: ask once per URL, then open it (the person may also copy it for another browser). */
  private async openUrlStep(url: string, message: string): Promise<StepReply> {
    if (this.openedUrl === url) return { ack: true };
    const open = t('Open in Browser');
    const copy = t('Copy Link');
    const answer = await showInfo(
      t("Sign in on the provider's page in your browser, then come back here."),
      // The gateway's message usually quotes the URL already: add it only when it does not.
      {
        modal: true,
        detail: message.includes(url) ? plain(message, 2300) : `${plain(message, 800)}\n\n${plain(url, 1500)}`,
      },
      open,
      copy,
    );
    if (answer === undefined) return CANCEL;
    this.openedUrl = url;
    if (answer === copy) await vscode.env.clipboard.writeText(url);
    else if (!(await openUrl(url))) await vscode.env.clipboard.writeText(url);
    return { ack: true };
  }

  private async text(action: Extract<StepAction, { kind: 'text' }>, error?: string): Promise<StepReply> {
    if (action.url && this.openedUrl !== action.url) {
      const reply = await this.openUrlStep(action.url, action.message);
      if ('cancel' in reply) return reply;
    }
    const value = await vscode.window.showInputBox({
      title: this.title,
      prompt: plain(action.message, 300),
      ...(action.placeholder ? { placeHolder: plain(action.placeholder, 200) } : {}),
      ...(action.initial !== undefined ? { value: action.initial } : {}),
      password: action.masked,
      ignoreFocusOut: true,
      ...(error ? { validationMessage: plain(error, 300) } : {}),
    });
    return value === undefined ? CANCEL : { value };
  }

  private async select(action: Extract<StepAction, { kind: 'select' }>): Promise<StepReply> {
    const items = action.options.map((o) => ({
      label: plain(o.label, 200),
      ...(o.hint ? { description: plain(o.hint, 200) } : {}),
      value: o.value,
      picked: action.multi && Array.isArray(action.initial) && action.initial.includes(o.value),
    }));
    const options = { title: this.title, placeHolder: plain(action.message, 300), ignoreFocusOut: true };
    if (action.multi) {
      const picked = await vscode.window.showQuickPick(items, { ...options, canPickMany: true });
      return picked === undefined ? CANCEL : { value: picked.map((p) => p.value) };
    }
    const picked = await vscode.window.showQuickPick(items, options);
    return picked === undefined ? CANCEL : { value: picked.value };
  }

  /**
   * The code to enter on the provider's page, with Copy and Open, while the gateway polls. Resolves only with a
   * cancel (the progress notification's Cancel, or Cancel here); the next step from the gateway ends it.
   */
  private deviceCode(action: Extract<StepAction, { kind: 'device-code' }>): Promise<StepReply> {
    const cancelled = this.progress.show(
      t("Waiting for you to enter the code {0} on the provider's page…", plain(action.code, 40)),
    );
    const copy = t('Copy Code');
    const open = t('Open Page');
    const stop = t('Cancel Sign-in');
    const expiry = action.expiresAt
      ? t(
          'It expires at {0}.',
          new Date(action.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
        )
      : '';
    const asked = (async (): Promise<StepReply | undefined> => {
      for (;;) {
        const buttons = action.url ? [copy, open, stop] : [copy, stop];
        const answer = await showInfo(
          `${t("Enter this code on the provider's sign-in page: {0}", plain(action.code, 40))} ${expiry}`.trim(),
          ...buttons,
        );
        if (answer === copy) await vscode.env.clipboard.writeText(action.code);
        else if (answer === open && action.url) await openUrl(action.url);
        else if (answer === stop) return CANCEL;
        else return undefined;
      }
    })();
    return Promise.race([cancelled, asked.then((r) => r ?? cancelled)]);
  }
}

export interface GatewaySignIn {
  agent: string;
  provider: string;
  authChoice: string;
  /** The choice's words (manifest or gateway; untrusted). */
  label: string;
}

/** Runs one gateway sign-in to its end and says how it went; the new profile arrives through the watcher. */
export async function signInThroughGateway(
  ctx: CommandContext,
  request: RequestFn,
  sign: GatewaySignIn,
): Promise<WizardOutcome> {
  const title = t('OpenClaw sign-in: {0}', plain(sign.provider, 64));
  const ui = new VsCodeWizardUi(title, ctx.log);
  ctx.log.info(`sign-in: ${sign.provider} ${sign.authChoice} for agent ${sign.agent} through the gateway`);
  let outcome: WizardOutcome;
  try {
    outcome = await runGatewayLogin(
      request,
      { sessionId: crypto.randomUUID(), authChoice: sign.authChoice, agentId: sign.agent },
      ui,
    );
  } catch (error) {
    if ((error as { code?: unknown }).code !== SETUP_BUSY_CODE) throw error;
    // Another client (the Control UI, a terminal's `openclaw configure`) holds the gateway's one setup slot.
    ctx.log.warn(`sign-in: ${sign.provider} refused, another setup is in progress on the gateway`);
    void showWarning(
      t(
        'Another sign-in or setup is in progress on the gateway, so the sign-in to {0} did not start. Try again when it finishes.',
        plain(sign.provider, 64),
      ),
    );
    return { status: 'error', error: SETUP_BUSY_CODE };
  } finally {
    ui.end();
  }
  ctx.log.info(`sign-in: ${sign.provider} through the gateway ended ${outcome.status}`);
  if (outcome.status === 'done')
    void showInfo(t('Signed in to {0} ({1}).', plain(sign.provider, 64), plain(sign.label, 120)));
  else if (outcome.status === 'error')
    void showWarning(
      t(
        'The sign-in to {0} did not finish: {1}',
        plain(sign.provider, 64),
        plain(outcome.error ?? t('no reason given'), 400),
      ),
    );
  else throw new Cancelled();
  return outcome;
}
