import vscode = require('vscode');
import { t } from '../l10n';
import type { Provider, Snapshot } from '../../openclaw/types';
import { Cancelled, type CommandContext, type CommandTarget, defaultAgentId, findAgent } from './context';
import { plain } from '../../openclaw/untrusted';
import { orderSourceWords } from '../format';

/** Agent (when several) then provider, for commands called without a tree node. */
/** One of the snapshot's agents, picked by the person (the default marked); Escape cancels the command. */
export async function pickAgent(snapshot: Snapshot, placeHolder: string): Promise<string> {
  const picked = await vscode.window.showQuickPick(
    snapshot.agents.map((a) => ({ label: plain(a.id), description: a.isDefault ? t('default agent') : '', id: a.id })),
    { placeHolder },
  );
  if (!picked) throw new Cancelled();
  return picked.id;
}

export async function pickProvider(
  ctx: CommandContext,
  placeHolder: string,
  storedOnly = false,
): Promise<{ agent: string; provider: string; entry: Provider }> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('order'));
  let agent = defaultAgentId(ctx, snapshot);
  if (snapshot.agents.length > 1) {
    agent = await pickAgent(snapshot, t('Which agent?'));
  }
  const providers = (findAgent(snapshot, agent)?.providers ?? []).filter(
    (p) => !storedOnly || p.orderSource === 'stored',
  );
  if (providers.length === 0) {
    throw new Error(
      storedOnly
        ? t('Agent {0} has no stored order override to clear.', agent)
        : t('Agent {0} has no auth profiles yet.', agent),
    );
  }
  const picked = await vscode.window.showQuickPick(
    providers.map((p) => ({
      label: plain(p.id),
      description: plain(`${p.order.join(' → ') || '—'} · ${orderSourceWords(p.orderSource, t)}`),
      entry: p,
    })),
    { placeHolder },
  );
  if (!picked) throw new Cancelled();
  return { agent, provider: picked.entry.id, entry: picked.entry };
}

interface OrderItem extends vscode.QuickPickItem {
  id: string;
}

/**
 * A quick pick to reorder: ticked profiles form the order, ↑/↓ buttons move a row.
 * Unticked profiles are left out of the order (OpenClaw never tries them automatically).
 */
export async function promptOrder(
  ctx: CommandContext,
  from: CommandTarget = {},
): Promise<{ agent: string; provider: string; profileIds: string[] }> {
  let { agentId: agent, providerId } = from;
  let entry: Provider | undefined;
  if (agent && providerId) entry = findAgent(ctx.store.current, agent)?.providers.find((p) => p.id === providerId);
  if (!agent || !entry)
    ({ agent, provider: providerId, entry } = await pickProvider(ctx, t('Set the order of which provider?')));
  const agentId = agent;
  const provider = entry;
  const stored = provider.profiles.filter((p) => !p.declaredOnly);
  const ordered = [
    ...provider.sequence.filter((id) => stored.some((p) => p.id === id)),
    ...stored.map((p) => p.id).filter((id) => !provider.sequence.includes(id)),
  ];
  const up: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-up'), tooltip: t('Move up') };
  const down: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-down'), tooltip: t('Move down') };
  return new Promise((resolve, reject) => {
    const qp = vscode.window.createQuickPick<OrderItem>();
    qp.title = t('Order for {0} (agent {1})', plain(provider.id), plain(agent));
    qp.placeholder = t('Tick the profiles to use, move them with the arrows, then press Enter');
    qp.canSelectMany = true;
    qp.ignoreFocusOut = true;
    let ids = ordered;
    const render = (selected: Set<string>) => {
      const items = ids.map((id, i) => {
        const p = stored.find((x) => x.id === id);
        return {
          id,
          label: plain(`${i + 1}. ${id}`),
          description: p ? plain(`${p.type} · ${p.health}`) : '',
          buttons: [up, down],
        };
      });
      qp.items = items;
      qp.selectedItems = items.filter((i) => selected.has(i.id));
    };
    render(new Set(provider.sequence.length ? provider.sequence : ordered));
    qp.onDidTriggerItemButton((e) => {
      const i = ids.indexOf(e.item.id);
      const j = e.button === up ? i - 1 : i + 1;
      const next = [...ids];
      const [a, b] = [next[i], next[j]];
      if (a === undefined || b === undefined) return; // an unknown row (i = -1) or a move past either end
      [next[i], next[j]] = [b, a];
      ids = next;
      render(new Set(qp.selectedItems.map((s) => s.id)));
    });
    let done = false;
    qp.onDidAccept(() => {
      const chosen = ids.filter((id) => qp.selectedItems.some((s) => s.id === id));
      if (chosen.length === 0) return;
      done = true;
      qp.hide();
      resolve({ agent: agentId, provider: provider.id, profileIds: chosen });
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) reject(new Cancelled());
    });
    qp.show();
  });
}

export async function showOrder(ctx: CommandContext, target: CommandTarget, quiet: boolean): Promise<unknown> {
  const { providerId } = target;
  let agent = target.agentId;
  let entry =
    agent && providerId ? findAgent(ctx.store.current, agent)?.providers.find((p) => p.id === providerId) : undefined;
  if (!entry && providerId) {
    agent ??= defaultAgentId(ctx, ctx.store.current);
    entry = findAgent(ctx.store.current ?? (await ctx.store.refresh('order')), agent)?.providers.find(
      (p) => p.id === providerId,
    );
  }
  if (!agent || !entry) ({ agent, entry } = await pickProvider(ctx, t('Show the order of which provider?')));
  const result = {
    agent,
    provider: entry.id,
    order: entry.order,
    orderSource: entry.orderSource,
    excluded: entry.profiles.filter((p) => p.excluded).map((p) => p.id),
  };
  if (!quiet) void showOrderPick(ctx, agent, entry);
  return result;
}

interface OrderRow extends vscode.QuickPickItem {
  action?: 'set' | 'clear';
}

/** The order as a list a person can read whole: tried first to last, then what OpenClaw skips, with the next steps. */
async function showOrderPick(ctx: CommandContext, agent: string, entry: Provider): Promise<void> {
  const rows: OrderRow[] = [];
  const tried = new Set(entry.order);
  rows.push({ label: t('Tried in this order'), kind: vscode.QuickPickItemKind.Separator });
  if (entry.order.length === 0) rows.push({ label: t('No profile is tried for this provider.') });
  entry.order.forEach((id, i) => {
    const p = entry.profiles.find((x) => x.id === id);
    rows.push({ label: plain(`${i + 1}. ${id}`), description: plain(p ? `${p.type} · ${p.health}` : '') });
  });
  const skipped = entry.profiles.filter((p) => !tried.has(p.id) && !p.declaredOnly);
  if (skipped.length) {
    rows.push({ label: t('Not tried'), kind: vscode.QuickPickItemKind.Separator });
    for (const p of skipped) {
      rows.push({
        label: plain(p.id),
        description: plain(`${p.type} · ${p.health}`),
        detail: p.excluded ? t('Left out by the order') : t('Skipped now (expired, cooling down or disabled)'),
      });
    }
  }
  rows.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  rows.push({ label: `$(list-ordered) ${t('Set Order…')}`, action: 'set' });
  if (entry.orderSource === 'stored') rows.push({ label: `$(clear-all) ${t('Clear Stored Order')}`, action: 'clear' });
  const picked = await vscode.window.showQuickPick(rows, {
    title: t('Order for {0} (agent {1}) — {2}', plain(entry.id), plain(agent), orderSourceWords(entry.orderSource, t)),
    placeHolder: t('OpenClaw tries these profiles top to bottom'),
  });
  if (picked?.action === 'set')
    await vscode.commands.executeCommand('openclawAuth.setOrder', {
      kind: 'provider',
      agentId: agent,
      provider: entry.id,
    });
  else if (picked?.action === 'clear')
    await vscode.commands.executeCommand('openclawAuth.clearOrder', {
      kind: 'provider',
      agentId: agent,
      provider: entry.id,
    });
  void ctx;
}
