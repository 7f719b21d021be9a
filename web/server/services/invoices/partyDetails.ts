import { CustomerAddress } from '@billstream/contracts';

/**
 * The seller's details printed on every invoice, from the environment (one
 * deployment bills as one seller; the organization's name stands in for the
 * legal name): BILLSTREAM_SELLER_LEGAL_NAME, BILLSTREAM_SELLER_ADDRESS (lines
 * separated by "|"), BILLSTREAM_SELLER_TAX_ID, BILLSTREAM_SELLER_EMAIL.
 */
export function sellerLines(env: NodeJS.ProcessEnv = process.env): string[] {
  const lines = [
    ...(env.BILLSTREAM_SELLER_LEGAL_NAME ? [env.BILLSTREAM_SELLER_LEGAL_NAME] : []),
    ...(env.BILLSTREAM_SELLER_ADDRESS ?? '').split('|'),
    env.BILLSTREAM_SELLER_TAX_ID ? `Tax id: ${env.BILLSTREAM_SELLER_TAX_ID}` : '',
    env.BILLSTREAM_SELLER_EMAIL ?? '',
  ];
  return lines.map((line) => line.trim()).filter(Boolean);
}

/** The customer's billing details under its name: address, tax id, billing e-mail. */
export function customerLines(account: { address: unknown; taxId: string | null; billingEmail: string | null }) {
  const address = CustomerAddress.nullable()
    .catch(null)
    .parse(account.address ?? null);
  const lines = address
    ? [
        address.line1,
        address.line2,
        [address.postalCode, address.city].filter(Boolean).join(' '),
        address.region,
        address.country,
      ]
    : [];
  return [...lines, account.taxId ? `Tax id: ${account.taxId}` : '', account.billingEmail ?? ''].filter(
    (line): line is string => Boolean(line),
  );
}
