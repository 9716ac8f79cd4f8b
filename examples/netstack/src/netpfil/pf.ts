import { VNET_DEFINE } from '@vimage/runtime';
import type { Packet } from '../net/if';

export interface Rule {
  action: 'pass' | 'block';
  dport?: number;
  evaluations: number;
  matches: number;
}

/** The packet filter's ruleset (V_pf_main_ruleset); the last matching rule wins, as in pf. */
export const pf_rules = VNET_DEFINE<Rule[]>([]);

export function pf_add(action: Rule['action'], dport?: number): void {
  pf_rules.push({ action, dport, evaluations: 0, matches: 0 });
}

export function pf_test(pkt: Packet): 'pass' | 'block' {
  let verdict: Rule['action'] = 'pass';
  for (const rule of pf_rules) {
    rule.evaluations++;
    if (rule.dport === undefined || rule.dport === pkt.dport) {
      rule.matches++;
      verdict = rule.action;
    }
  }
  return verdict;
}
