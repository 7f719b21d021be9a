-- Invoice rows and invoice lines come from two view sinks of the billing
-- processor that commit independently; with a foreign key the lines sink
-- failed (and backed off) whenever it ran ahead of the invoices sink. Views
-- are eventually consistent with each other; the API reads lines by invoice id.
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_invoice_id_fkey";
