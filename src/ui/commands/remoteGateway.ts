// "Add Gateway…" / "Remove Gateway" and what a person is told about a remote gateway: the pairing request with the
// exact approve command (copy button), connected once approved, and one message with its own action per failure.
// Gateway text (its URL, ids) is untrusted: shown through `plain()`, never turned into a command or a link; the
// request id has already passed the domain's id grammar before it is put into the copied command.

import vscode = require('vscode');
import {
  checkGatewayUrl,
  normalizeTlsFingerprint,
  type RemoteFailureCode,
  type RemoteSecrets,
  type UrlProblem,
} from '../../openclaw/gateway/remote';
import type { RemoteView } from '../../openclaw/gateway/remoteSession';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { showInfo, showWarning } from '../messages';
import { untilConnectingEnds } from '../remoteConnecting';
import type { RemoteGatewayStore } from '../remoteGateways';

/** "Connecting to …" gives up after this; the gateway's row keeps saying how it stands. */
const CONNECTING_MAX_MS = 60_000;

function urlProblem(problem: UrlProblem): string {
  switch (problem) {
    case 'UNSUPPORTED_SCHEME':
      return t('Use a wss:// (or ws://) address.');
    case 'PLAINTEXT_PUBLIC_HOST':
      return t('Plain ws:// is only allowed to this machine, a private network, .local or .ts.net hosts. Use wss://.');
    case 'URL_HAS_CREDENTIALS':
      return t('Leave the token out of the address; you enter it in the next step.');
    default:
      return t('This is not a valid address.');
  }
}

async function askSecrets(host: string): Promise<RemoteSecrets | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: t('Gateway token'), value: 'token' as const },
      { label: t('Gateway password'), value: 'password' as const },
    ],
    { title: t('How does {0} check clients?', plain(host, 200)), ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  const value = await vscode.window.showInputBox({
    title: kind.value === 'token' ? t('Gateway token') : t('Gateway password'),
    prompt: t(
      'On the gateway host, `openclaw gateway auth-token --show` prints the token. It is kept in VS Code SecretStorage.',
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('Enter a value.')),
  });
  if (!value?.trim()) return undefined;
  return kind.value === 'token' ? { token: value.trim() } : { password: value.trim() };
}

async function askFingerprint(required: boolean): Promise<string | undefined | null> {
  const value = await vscode.window.showInputBox({
    title: t('TLS certificate fingerprint (SHA-256)'),
    prompt: required
      ? t(
          'The gateway uses a certificate this machine does not trust. Enter its SHA-256 fingerprint (hex, AB:CD:… or sha256:…).',
        )
      : t(
          'Only for a self-signed certificate: its SHA-256 fingerprint (hex, AB:CD:… or sha256:…). Leave empty otherwise.',
        ),
    ignoreFocusOut: true,
    validateInput: (v) =>
      (!v.trim() && !required) || normalizeTlsFingerprint(v)
        ? undefined
        : t('Expected a SHA-256 fingerprint: 64 hex digits.'),
  });
  if (value === undefined) return null;
  return normalizeTlsFingerprint(value);
}

async function addGateway(store: RemoteGatewayStore): Promise<void> {
  const raw = await vscode.window.showInputBox({
    title: t('Add Gateway'),
    prompt: t('The gateway address, for example wss://gateway.example.com or ws://192.168.1.20:18789'),
    placeHolder: 'wss://',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const r = checkGatewayUrl(v);
      return r.ok ? undefined : urlProblem(r.problem);
    },
  });
  if (!raw) return;
  const url = checkGatewayUrl(raw);
  if (!url.ok) return;
  if (store.list().some((c) => c.url === url.url)) {
    void showInfo(t('{0} is already in the list.', plain(url.url, 300)));
    return;
  }
  const secrets = await askSecrets(url.host);
  if (!secrets) return;
  let tlsFingerprint: string | undefined;
  if (url.tls) {
    const fp = await askFingerprint(false);
    if (fp === null) return;
    tlsFingerprint = fp;
  }
  const added = await store.add(
    { url: url.url, label: url.host, ...(tlsFingerprint ? { tlsFingerprint } : {}) },
    secrets,
  );
  // Ends when the gateway answers: connected, or its pairing prompt (watchRemoteGateways) takes over.
  void vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Connecting to {0}…', plain(url.url, 300)),
      cancellable: true,
    },
    (_progress, token) => untilConnectingEnds(store, added.id, CONNECTING_MAX_MS, token),
  );
}

async function pickGateway(store: RemoteGatewayStore, arg: unknown): Promise<string | undefined> {
  // From the tree: a connection row ({ kind: 'connection', remoteId }).
  const fromTree = (arg as { remoteId?: unknown } | undefined)?.remoteId;
  if (typeof fromTree === 'string' && store.get(fromTree)) return fromTree;
  const list = store.list();
  if (list.length === 0) {
    void showInfo(t('No remote gateway has been added.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.map((c) => ({ label: plain(c.label ?? c.url, 200), description: plain(c.url, 300), id: c.id })),
    { title: t('Remove Gateway') },
  );
  return pick?.id;
}

async function removeGateway(store: RemoteGatewayStore, arg: unknown): Promise<void> {
  const id = await pickGateway(store, arg);
  const config = id ? store.get(id) : undefined;
  if (!id || !config) return;
  const remove = t('Remove');
  const answer = await showWarning(
    t('Remove {0}? Its token, device key and device token are deleted from this machine.', plain(config.url, 300)),
    { modal: true },
    remove,
  );
  if (answer !== remove) return;
  await store.remove(id);
}

/** One message per failure code, with the action that fixes it. */
function failureText(code: RemoteFailureCode, url: string): { text: string; action?: 'token' | 'pin' | 'pair' } {
  switch (code) {
    case 'AUTH_TOKEN_MISSING':
      return { text: t('{0} wants a token or password, and none was sent.', url), action: 'token' };
    case 'AUTH_TOKEN_MISMATCH':
      return { text: t('{0} refused the token.', url), action: 'token' };
    case 'AUTH_PASSWORD_MISMATCH':
      return { text: t('{0} refused the password.', url), action: 'token' };
    case 'DEVICE_TOKEN_MISMATCH':
      return { text: t('{0} no longer accepts this device. Pair it again.', url), action: 'pair' };
    case 'MISSING_SCOPE':
      return { text: t('This device may not read auth status on {0}. Approve its access again.', url), action: 'pair' };
    case 'TLS_FINGERPRINT_MISMATCH':
      return { text: t('The certificate of {0} does not match the saved fingerprint.', url), action: 'pin' };
    case 'TLS_SELF_SIGNED':
      return { text: t('{0} uses a self-signed certificate. Enter its fingerprint to trust it.', url), action: 'pin' };
    case 'TLS_UNTRUSTED':
      return { text: t('The certificate of {0} is not trusted.', url), action: 'pin' };
    default:
      return { text: t('Cannot connect to {0}.', url) };
  }
}

/** Tells the person about each remote gateway's pairing, connection and failure once per change. */
export function watchRemoteGateways(store: RemoteGatewayStore): vscode.Disposable {
  const told = new Map<string, string>();
  const pairingSeen = new Set<string>();
  return store.onDidChange((view: RemoteView | undefined) => {
    if (!view) return;
    const key = `${view.status}|${view.failure?.code ?? ''}|${view.failure?.requestId ?? ''}`;
    if (told.get(view.id) === key) return;
    told.set(view.id, key);
    const url = plain(view.url, 300);
    if (view.status === 'pairing' && view.failure?.requestId) {
      pairingSeen.add(view.id);
      const command = `openclaw devices approve ${view.failure.requestId}`;
      const copy = t('Copy Command');
      void showInfo(
        t(
          '{0} asks the owner to approve this device. On the gateway host run: {1} (waiting for approval…)',
          url,
          command,
        ),
        copy,
      ).then((a) => (a === copy ? vscode.env.clipboard.writeText(command) : undefined));
      return;
    }
    if (view.status === 'connected') {
      if (pairingSeen.delete(view.id)) void showInfo(t('Approved. Connected to {0}.', url));
      return;
    }
    if (view.status !== 'failed' || !view.failure) return;
    const { text, action } = failureText(view.failure.code, url);
    const label =
      action === 'token'
        ? t('Enter Token')
        : action === 'pin'
          ? t('Enter Fingerprint')
          : action === 'pair'
            ? t('Pair Again')
            : undefined;
    void showWarning(text, ...(label ? [label] : [])).then(async (answer) => {
      if (!answer || answer !== label) return;
      if (action === 'token') {
        const secrets = await askSecrets(view.label ?? view.url);
        if (secrets) await store.update(view.id, { secrets });
      } else if (action === 'pin') {
        const fp = await askFingerprint(true);
        if (fp) await store.update(view.id, { tlsFingerprint: fp });
      } else if (action === 'pair') {
        await store.forgetDeviceToken(view.id);
      }
    });
  });
}

export function registerRemoteGatewayCommands(store: RemoteGatewayStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('openclawAuth.addGateway', () => addGateway(store)),
    vscode.commands.registerCommand('openclawAuth.removeGateway', (arg?: unknown) => removeGateway(store, arg)),
    watchRemoteGateways(store),
  ];
}
