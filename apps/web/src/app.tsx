import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { NoticeProvider } from "./components/notices.tsx";
import { SessionGate } from "./features/auth/session.tsx";
import { AppShell } from "./features/shell/app-shell.tsx";
import { I18nProvider } from "./i18n/i18n.tsx";
import { createApiClient, createQueryClient, TRPCProvider } from "./lib/trpc.ts";
import { AppRoutes } from "./routes/routes.tsx";

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createApiClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider>
          <NoticeProvider>
            <SessionGate>
              <AppShell>
                <AppRoutes />
              </AppShell>
            </SessionGate>
          </NoticeProvider>
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
