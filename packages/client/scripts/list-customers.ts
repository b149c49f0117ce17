// Lists customers with an API token: LEDGERLINE_URL=http://localhost:3000 LEDGERLINE_TOKEN=llt_… npx tsx list-customers.ts
import { createLedgerlineClient } from "@ledgerline/client";

const ledgerline = createLedgerlineClient({
  url: process.env.LEDGERLINE_URL!,
  token: process.env.LEDGERLINE_TOKEN!,
});
const page = await ledgerline.customers.list.query({ sortBy: "name", pageSize: 100 });

for (const customer of page.items) {
  console.log(
    `${customer.name.padEnd(40)} ${customer.city ?? ""} (${customer._count.projects} projects)`,
  );
}
console.log(`${page.total} customers`);
