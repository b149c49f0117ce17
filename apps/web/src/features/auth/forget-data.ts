import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "../../lib/trpc.ts";

/** Forgets everything cached except who is signed in (on sign-in, sign-out and expiry). */
export function useForgetData() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    const meHash = hashKey(trpc.auth.me.queryKey());
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  }, [queryClient, trpc]);
}
