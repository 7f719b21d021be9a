/** What a sandbox card does when charged. */
export type CardScenario = 'success' | 'declined' | 'insufficient_funds' | 'challenge' | 'timeout';

/** The sandbox's test cards (docs/payments.md, "Sandbox gateways and test cards"). Any other valid number succeeds. */
export const TEST_CARDS: Readonly<Record<string, { scenario: CardScenario; meaning: string }>> = {
  '4242424242424242': { scenario: 'success', meaning: 'Visa: authorized and captured' },
  '5555555555554444': { scenario: 'success', meaning: 'Mastercard: authorized and captured' },
  '4000000000000002': { scenario: 'declined', meaning: 'Declined: card_declined' },
  '4000000000009995': { scenario: 'insufficient_funds', meaning: 'Declined: insufficient_funds' },
  '4000000000003220': { scenario: 'challenge', meaning: 'Asks for a challenge (3-D Secure): requires_action' },
  '4000000000000119': {
    scenario: 'timeout',
    meaning: 'The `card` gateway times out (retryable): routing falls back to `card_backup`, which authorizes',
  },
};

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let index = 0; index < number.length; index += 1) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function cardBrand(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

export function scenarioOf(number: string): CardScenario {
  return TEST_CARDS[number]?.scenario ?? 'success';
}
