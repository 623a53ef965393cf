// Typed `openclawAuth.*` settings. Which layer each one is read from is decided in settingsTrust.ts:
// program paths and state only from the user's settings; warnings and the target agent from a workspace
// only when it is trusted.

import vscode = require('vscode');
import type { Language } from './l10n';
import { effectiveValue } from './settingsTrust';

export type StatusBarMode = 'auto' | 'always' | 'never';

export interface SettingsValues {
  cliPath: string;
  nodePath: string;
  stateDir: string;
  profile: string;
  defaultAgent: string;
  warnWindowHours: number;
  statusBar: StatusBarMode;
  notifications: boolean;
  pollIntervalSeconds: number;
  captureSetupToken: boolean;
  language: Language;
  usageInStatusBar: boolean;
  usageWarnPercent: number;
}

const SECTION = 'openclawAuth';
const MACHINE_KEYS = ['cliPath', 'nodePath', 'stateDir', 'profile'] as const;
const TRUSTED_WORKSPACE_KEYS = [
  'defaultAgent',
  'warnWindowHours',
  'statusBar',
  'notifications',
  'pollIntervalSeconds',
  'usageInStatusBar',
  'usageWarnPercent',
] as const;
const ALL_KEYS: readonly (keyof SettingsValues)[] = [
  ...MACHINE_KEYS,
  ...TRUSTED_WORKSPACE_KEYS,
  'captureSetupToken',
  'language',
];

export interface SettingsChange {
  keys: (keyof SettingsValues)[];
  affects(key: keyof SettingsValues): boolean;
}

export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [this.emitter];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const keys = ALL_KEYS.filter((k) => e.affectsConfiguration(`${SECTION}.${k}`));
        if (keys.length) this.fire(keys);
      }),
      // Granting trust turns the machine paths on and lets the workspace's own values count.
      vscode.workspace.onDidGrantWorkspaceTrust(() =>
        this.fire([...MACHINE_KEYS, ...TRUSTED_WORKSPACE_KEYS, 'captureSetupToken']),
      ),
    );
  }

  private fire(keys: (keyof SettingsValues)[]): void {
    this.emitter.fire({ keys, affects: (k) => keys.includes(k) });
  }

  private machine(key: (typeof MACHINE_KEYS)[number]): string {
    const value = effectiveValue(
      vscode.workspace.getConfiguration(SECTION).inspect<string>(key),
      'user',
      vscode.workspace.isTrusted,
    );
    return typeof value === 'string' ? value.trim() : '';
  }

  /** Window settings that change warnings or the target agent: a workspace's value only when it is trusted (settingsTrust.ts). */
  private value<T>(key: string, fallback: T, valid: (v: unknown) => boolean): T {
    const v = effectiveValue(
      vscode.workspace.getConfiguration(SECTION).inspect<unknown>(key),
      'trusted-workspace',
      vscode.workspace.isTrusted,
    );
    return valid(v) ? (v as T) : fallback;
  }

  get cliPath(): string {
    return this.machine('cliPath');
  }
  get nodePath(): string {
    return this.machine('nodePath');
  }
  get stateDir(): string {
    return this.machine('stateDir');
  }
  get profile(): string {
    return this.machine('profile');
  }
  get defaultAgent(): string {
    return this.value('defaultAgent', '', (v) => typeof v === 'string').trim();
  }
  get warnWindowHours(): number {
    return this.value('warnWindowHours', 24, (v) => typeof v === 'number' && v >= 0 && Number.isFinite(v));
  }
  get warnWindowMs(): number {
    return Math.round(this.warnWindowHours * 3_600_000);
  }
  get statusBar(): StatusBarMode {
    return this.value('statusBar', 'auto', (v) => v === 'auto' || v === 'always' || v === 'never');
  }
  get notifications(): boolean {
    return this.value('notifications', true, (v) => typeof v === 'boolean');
  }
  get pollIntervalSeconds(): number {
    return this.value('pollIntervalSeconds', 60, (v) => typeof v === 'number' && v >= 0 && Number.isFinite(v));
  }
  /** The live gateway's fullest usage window in the status bar (shown only when a gateway reports windows). */
  get usageInStatusBar(): boolean {
    return this.value('usageInStatusBar', true, (v) => typeof v === 'boolean');
  }
  /** Warn once per window per reset when it passes this share; 0 turns the warning off. */
  get usageWarnPercent(): number {
    return this.value('usageWarnPercent', 90, (v) => typeof v === 'number' && v >= 0 && v <= 100);
  }
  /** Machine-scoped too: reading a token out of terminal output is the user's decision, not a workspace's. */
  get captureSetupToken(): boolean {
    return (
      effectiveValue(
        vscode.workspace.getConfiguration(SECTION).inspect<boolean>('captureSetupToken'),
        'user',
        vscode.workspace.isTrusted,
      ) === true
    );
  }

  /** A personal choice (application scope): the user's value, whatever the workspace. */
  get language(): Language {
    const v = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('language')?.globalValue;
    return v === 'en' || v === 'th' ? v : 'auto';
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
