// The "OpenClaw Auth" log. Every line passes through redact(): a token that slips into CLI output,
// an error message or an argument is masked before it reaches the channel.

import vscode = require('vscode');
import { redact } from '../openclaw/mask';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** Secrets known to be in flight (e.g. a token being pasted), masked even when not secret-shaped. */
  private readonly secrets = new Set<string>();

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('OpenClaw Auth', { log: true });
  }

  /** Mask `secret` in every line until the returned disposable is disposed. */
  withSecret(secret: string): vscode.Disposable {
    this.secrets.add(secret);
    return new vscode.Disposable(() => this.secrets.delete(secret));
  }

  trace(message: string, ...args: unknown[]): void {
    this.write('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write('warn', message, args);
  }
  error(message: string | Error, ...args: unknown[]): void {
    this.write('error', message instanceof Error ? describe(message) : message, args);
  }

  /** The text that would be written, for tests. */
  format(message: string, args: readonly unknown[] = []): string {
    return redact([message, ...args.map(describe)].join(' '), [...this.secrets]);
  }

  private write(level: Level, message: string, args: readonly unknown[]): void {
    this.channel[level](this.format(message, args));
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
