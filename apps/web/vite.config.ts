import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API during development; `pnpm start` serves the built app from the API itself. */
const API_URL = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/trpc": { target: API_URL },
      "/health": { target: API_URL },
      "/ready": { target: API_URL },
      "/files": { target: API_URL },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a chunk of their own stays cached across releases.
        codeSplitting: {
          groups: [{ name: "vendor", test: /node_modules/ }],
        },
      },
    },
  },
});
