/** The audit log: an append-only list of what happened, marked with a JSDoc tag. */
export interface AuditEntry {
  type: 'opened' | 'booked';
  account: string;
  ref?: string;
}

/** @vnet */
const log: AuditEntry[] = [];

export function record(entry: AuditEntry): void {
  log.push(entry);
}

export function entries(account?: string): AuditEntry[] {
  return account === undefined ? [...log] : log.filter((e) => e.account === account);
}
