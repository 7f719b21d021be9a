import { type CurrencyCode, type GatewayName, MoneyDecimal, type PaymentMethodType } from '@billstream/contracts';

/** Most gateways one payment may try (first choice + fallbacks). */
export const ROUTE_GATEWAYS_MAX = 3;

export interface RoutingRule {
  readonly methodType: PaymentMethodType;
  readonly currencies?: readonly CurrencyCode[];
  /** Inclusive lower bound of the amount, a decimal string. */
  readonly minAmount?: string;
  /** Exclusive upper bound of the amount, a decimal string. */
  readonly maxAmount?: string;
  /** Gateways in order: a retryable failure falls back to the next. */
  readonly gateways: readonly GatewayName[];
}

/**
 * The first matching rule wins. Cards in EUR/GBP/CHF and large card payments
 * go to `card_backup` first; other cards to `card`, each with the other as
 * fallback. Bank transfers have one gateway.
 */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [
  { methodType: 'bank_transfer', gateways: ['bank'] },
  { methodType: 'card', currencies: ['EUR', 'GBP', 'CHF'], gateways: ['card_backup', 'card'] },
  { methodType: 'card', minAmount: '10000', gateways: ['card_backup', 'card'] },
  { methodType: 'card', gateways: ['card', 'card_backup'] },
];

export interface RouteInput {
  readonly methodType: PaymentMethodType;
  readonly currency: CurrencyCode;
  readonly amount: string;
}

function matches(rule: RoutingRule, input: RouteInput): boolean {
  if (rule.methodType !== input.methodType) return false;
  if (rule.currencies && !rule.currencies.includes(input.currency)) return false;
  const amount = new MoneyDecimal(input.amount);
  if (rule.minAmount !== undefined && amount.lt(rule.minAmount)) return false;
  if (rule.maxAmount !== undefined && amount.gte(rule.maxAmount)) return false;
  return true;
}

/** The gateways to try, in order; empty when no rule matches. */
export function route(input: RouteInput, rules: readonly RoutingRule[] = DEFAULT_ROUTING_RULES): GatewayName[] {
  const rule = rules.find((candidate) => matches(candidate, input));
  if (!rule) return [];
  if (rule.gateways.length > ROUTE_GATEWAYS_MAX) throw new Error('routing rule names too many gateways');
  return [...rule.gateways];
}
