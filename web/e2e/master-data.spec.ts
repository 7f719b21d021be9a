import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, optionListClosed, signIn } from './support';

async function createCategory(page: Page, name: string, parent?: string): Promise<void> {
  await page.getByTestId('category-name').fill(name);
  if (parent) {
    await page.getByTestId('category-parent').click();
    await page.getByRole('option', { name: parent, exact: true }).click();
    await optionListClosed(page);
  }
  await page.getByTestId('category-submit').click();
  await expect(page.getByTestId(`category-node-${name}`)).toBeVisible();
}

async function createProduct(page: Page, sku: string, category: string, price: string): Promise<void> {
  await page.getByTestId('product-new').click();
  await page.getByTestId('product-sku').fill(sku);
  await page.getByTestId('product-name').fill(`Product ${sku}`);
  await page.getByTestId('product-category').click();
  await page.getByRole('option', { name: category, exact: true }).click();
  await optionListClosed(page);
  await page.getByTestId('product-unit-price').fill(price);
  await page.getByTestId('product-submit').click();
  await expect(page.getByTestId(`product-row-${sku}`)).toBeVisible();
  // The dialog closes with an animation; the next click must land on the page, not on it.
  await expect(page.getByTestId('product-form')).toHaveCount(0);
}

test('a category tree and products; export, then re-import with one bad row changes nothing and names the row', async ({
  page,
}) => {
  // A long flow through three pages on a shared two-core machine.
  test.setTimeout(180_000);
  const tag = `E2E${Date.now().toString(36).toUpperCase()}`;
  const root = `${tag} Hardware`;
  const child = `${tag} Laptops`;
  await signIn(page, ADMIN);

  await page.goto('/master-data/categories');
  await createCategory(page, root);
  await createCategory(page, child, root);
  await expect(page.getByTestId(`category-node-${root}`)).toHaveAttribute('data-depth', '0');
  await expect(page.getByTestId(`category-node-${child}`)).toHaveAttribute('data-depth', '1');

  await page.goto('/master-data/products');
  await createProduct(page, `${tag}-1`, child, '999.00');
  await createProduct(page, `${tag}-2`, root, '49.50');

  // Filter to this test's products: the export honours the table's filter.
  await page.getByTestId('products-search').fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByTestId('products-total')).toHaveText('2 in total');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('products-export-csv').click(),
  ]);
  const exported = await readFile((await download.path())!, 'utf8');
  const lines = exported.trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`${tag}-1,Product ${tag}-1`);

  // One changed good row, one bad row (negative price): nothing may change.
  const edited = [
    lines[0],
    lines[1]!.replace(',999,', ',1111,'),
    lines[2],
    `${tag}-3,Bad product,,,-5,USD,standard,true`,
  ];
  const file = path.join(os.tmpdir(), `${tag}-products.csv`);
  await writeFile(file, `${edited.join('\r\n')}\r\n`);

  await page.getByTestId('products-import-open').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-failed')).toBeVisible();
  const error = page.getByTestId('import-error-row-3');
  await expect(error).toContainText('unitPrice');
  await expect(error).toContainText('must not be negative');
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('products-import')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('products-total')).toHaveText('2 in total');
  await expect(page.getByTestId(`product-row-${tag}-3`)).toHaveCount(0);
  await expect(page.getByTestId('products-table')).toContainText('999 USD');
});
