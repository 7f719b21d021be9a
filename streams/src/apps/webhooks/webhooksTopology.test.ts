import { describe, expect, it } from 'vitest';
import { stringSerde, TopologyTestDriver } from '../../engine/index.ts';
import { WEBHOOK_VIEWS, webhooksTopology } from './webhooksTopology.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const ACCOUNT = '00000000-0000-4000-8000-0000000000bb';

function invoiceEvent(type: string, eventId: string) {
  return {
    eventId,
    occurredAt: '2026-12-06T20:00:00.000Z',
    source: 'billing',
    type,
    version: 1,
    data: {
      invoice: {
        id: '00000000-0000-4000-8000-000000000022',
        organizationId: ORG,
        accountId: ACCOUNT,
        invoiceNumber: 'INV-1',
        currency: 'EUR',
        priceMode: 'tax_exclusive',
        status: 'open',
        subtotal: '10.00',
        discount: '0.00',
        tax: '0.00',
        total: '10.00',
        credited: '0.00',
        paid: '0.00',
        due: '10.00',
        issueDate: '2026-12-06',
        dueDate: '2026-12-20',
        memo: null,
        version: 2,
        updatedAt: '2026-12-06T20:00:00.000Z',
      },
    },
  };
}

describe('webhooks topology (test driver)', () => {
  it('hands each mapped billing event to the view, in order, and dead-letters what is not an event', () => {
    const driver = new TopologyTestDriver(webhooksTopology(''), {
      appId: 'webhooks',
      onDeserializationError: 'dead-letter',
    });
    const input = driver.createInputTopic('billing-events', stringSerde, stringSerde);
    const issued = invoiceEvent('InvoiceIssued', '00000000-0000-4000-9000-000000000001');
    const overdue = invoiceEvent('InvoiceOverdue', '00000000-0000-4000-9000-000000000002');
    input.pipeInput(ACCOUNT, JSON.stringify(issued));
    input.pipeInput(ACCOUNT, '{not json');
    input.pipeInput(ACCOUNT, JSON.stringify({ ...issued, type: 'InvoiceExploded' }));
    input.pipeInput(ACCOUNT, JSON.stringify(overdue));
    const rows = driver
      .viewRecords(WEBHOOK_VIEWS.billing)
      .map((record) => record.value as { id: string; type: string });
    expect(rows.map((row) => [row.id, row.type])).toEqual([
      [issued.eventId, 'invoice.issued'],
      [overdue.eventId, 'invoice.overdue'],
    ]);
    expect(driver.deadLetters().map((letter) => letter.reason)).toEqual([
      expect.stringContaining('invalid JSON'),
      expect.stringContaining('schema violation'),
    ]);
  });
});
