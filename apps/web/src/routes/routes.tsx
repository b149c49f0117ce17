import { HomePage } from "../features/home/home-page.tsx";
import type { Permission } from "@ledgerline/domain";
import { useEffect, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { usePageTitle } from "../lib/page-title.ts";
import { Link, matchPath, navigate, useLocation } from "../lib/router.tsx";
import { ApiTokensPage } from "../features/api-tokens/api-tokens-page.tsx";
import { useCan, useSession } from "../features/auth/session.tsx";
import { CustomerFormPage } from "../features/customers/customer-form-page.tsx";
import { CustomerListPage } from "../features/customers/customer-list-page.tsx";
import { ProjectFormPage } from "../features/projects/project-form-page.tsx";
import { ProjectListPage } from "../features/projects/project-list-page.tsx";
import { ExpenseFormPage } from "../features/expenses/expense-form-page.tsx";
import { ExpenseListPage } from "../features/expenses/expense-list-page.tsx";
import { DocumentDetailPage } from "../features/sales/document-detail-page.tsx";
import { EditDocumentPage, NewDocumentPage } from "../features/sales/document-form-page.tsx";
import { DocumentListPage } from "../features/sales/document-list-page.tsx";
import {
  DOCUMENT_LIST_PATHS,
  isCreatableType,
  LIST_TYPE_ORDER,
} from "../features/sales/document-types.ts";
import { ReceivedPaymentsPage } from "../features/sales/received-payments-page.tsx";
import { StatisticsPage } from "../features/sales/statistics-page.tsx";
import { SettingsPage } from "../features/settings/settings-page.tsx";
import { homePathFor } from "../features/shell/navigation.ts";
import { SupplierFormPage } from "../features/suppliers/supplier-form-page.tsx";
import { SupplierListPage } from "../features/suppliers/supplier-list-page.tsx";
import { UsersPage } from "../features/users/users-page.tsx";
import { InvoiceGroupDetailPage } from "../features/invoice-groups/invoice-group-detail-page.tsx";
import { InvoiceGroupFormPage } from "../features/invoice-groups/invoice-group-form-page.tsx";
import { InvoiceGroupListPage } from "../features/invoice-groups/invoice-group-list-page.tsx";
import { PurchaseOrderDetailPage } from "../features/purchase-orders/purchase-order-detail-page.tsx";
import { PurchaseOrderFormPage } from "../features/purchase-orders/purchase-order-form-page.tsx";
import { PurchaseOrderListPage } from "../features/purchase-orders/purchase-order-list-page.tsx";
import {
  ApprovalInboxPage,
  PurchasingOverviewPage,
} from "../features/purchase-orders/purchasing-pages.tsx";

interface Route {
  pattern: string;
  /** The permission a screen needs, as the API's procedure behind it does. */
  permission: Permission;
  render: (params: Record<string, string>) => ReactNode;
}

/** First match wins: "/customers/new" before "/customers/:id". */
export const ROUTES: readonly Route[] = [
  { pattern: "/home", permission: "statistics.read", render: () => <HomePage /> },
  { pattern: "/customers", permission: "customer.read", render: () => <CustomerListPage /> },
  { pattern: "/customers/new", permission: "customer.write", render: () => <CustomerFormPage /> },
  {
    pattern: "/customers/:id",
    permission: "customer.read",
    render: ({ id }) => <CustomerFormPage key={id} id={id!} />,
  },
  { pattern: "/projects", permission: "project.read", render: () => <ProjectListPage /> },
  { pattern: "/projects/new", permission: "project.write", render: () => <ProjectFormPage /> },
  {
    pattern: "/projects/:id",
    permission: "project.read",
    render: ({ id }) => <ProjectFormPage key={id} id={id!} />,
  },
  { pattern: "/suppliers", permission: "supplier.read", render: () => <SupplierListPage /> },
  { pattern: "/suppliers/new", permission: "supplier.write", render: () => <SupplierFormPage /> },
  {
    pattern: "/suppliers/:id",
    permission: "supplier.read",
    render: ({ id }) => <SupplierFormPage key={id} id={id!} />,
  },
  { pattern: "/expenses", permission: "expense.read", render: () => <ExpenseListPage /> },
  { pattern: "/expenses/new", permission: "expense.write", render: () => <ExpenseFormPage /> },
  {
    pattern: "/expenses/:id",
    permission: "expense.read",
    render: ({ id }) => <ExpenseFormPage key={id} id={id!} />,
  },
  // Sales documents: a list per type, `<list>/new` for the types created directly, and one
  // page (and draft form) per document whatever its type.
  ...LIST_TYPE_ORDER.flatMap((type): Route[] => [
    {
      pattern: DOCUMENT_LIST_PATHS[type],
      permission: "salesDocument.read",
      render: () => <DocumentListPage key={type} type={type} />,
    },
    ...(isCreatableType(type)
      ? [
          {
            pattern: `${DOCUMENT_LIST_PATHS[type]}/new`,
            permission: "salesDocument.write" as const,
            render: () => <NewDocumentPage key={type} type={type} />,
          },
        ]
      : []),
  ]),
  {
    pattern: "/documents/:id",
    permission: "salesDocument.read",
    render: ({ id }) => <DocumentDetailPage key={id} id={id!} />,
  },
  {
    pattern: "/documents/:id/edit",
    permission: "salesDocument.write",
    render: ({ id }) => <EditDocumentPage key={id} id={id!} />,
  },
  { pattern: "/statistics", permission: "statistics.read", render: () => <StatisticsPage /> },
  { pattern: "/payments", permission: "payment.read", render: () => <ReceivedPaymentsPage /> },
  // Invoice groups (seed 004 §3): statements bundling a customer's issued invoices.
  {
    pattern: "/invoice-groups",
    permission: "invoiceGroup.read",
    render: () => <InvoiceGroupListPage />,
  },
  {
    pattern: "/invoice-groups/new",
    permission: "invoiceGroup.write",
    render: () => <InvoiceGroupFormPage />,
  },
  {
    pattern: "/invoice-groups/:id",
    permission: "invoiceGroup.read",
    render: ({ id }) => <InvoiceGroupDetailPage key={id} id={id!} />,
  },
  {
    pattern: "/invoice-groups/:id/edit",
    permission: "invoiceGroup.write",
    render: ({ id }) => <InvoiceGroupFormPage key={id} id={id!} />,
  },
  // Purchasing (seed 004): the approval inbox, purchase orders and the open commitments.
  { pattern: "/approvals", permission: "purchaseOrder.read", render: () => <ApprovalInboxPage /> },
  {
    pattern: "/purchase-orders",
    permission: "purchaseOrder.read",
    render: () => <PurchaseOrderListPage />,
  },
  {
    pattern: "/purchase-orders/new",
    permission: "purchaseOrder.write",
    render: () => <PurchaseOrderFormPage />,
  },
  {
    pattern: "/purchase-orders/:id",
    permission: "purchaseOrder.read",
    render: ({ id }) => <PurchaseOrderDetailPage key={id} id={id!} />,
  },
  {
    pattern: "/purchase-orders/:id/edit",
    permission: "purchaseOrder.write",
    render: ({ id }) => <PurchaseOrderFormPage key={id} id={id!} />,
  },
  {
    pattern: "/purchasing",
    permission: "purchaseOrder.read",
    render: () => <PurchasingOverviewPage />,
  },
  { pattern: "/admin/users", permission: "user.manage", render: () => <UsersPage /> },
  { pattern: "/admin/api-tokens", permission: "apiToken.manage", render: () => <ApiTokensPage /> },
  { pattern: "/settings", permission: "settings.manage", render: () => <SettingsPage /> },
];

export function findRoute(
  pathname: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Problem({ title, text }: { title: string; text: string }) {
  const { t } = useI18n();
  const { role } = useSession();
  usePageTitle([title]);
  return (
    <div className="problem-page">
      <h1 className="page-header__title">{title}</h1>
      <p>{text}</p>
      <Link to={homePathFor(role)} className="button">
        {t("routes.backHome")}
      </Link>
    </div>
  );
}

export function AppRoutes() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { role } = useSession();
  const can = useCan();

  if (pathname === "/" || pathname === "") return <Redirect to={homePathFor(role)} />;
  const match = findRoute(pathname);
  if (!match) return <Problem title={t("routes.notFoundTitle")} text={t("routes.notFoundText")} />;
  if (!can(match.route.permission))
    return <Problem title={t("routes.forbiddenTitle")} text={t("routes.forbiddenText")} />;
  return <>{match.route.render(match.params)}</>;
}
