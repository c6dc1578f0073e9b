import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev -w @weeknight/web` serves the dashboard with hot reload and sends API calls to a
// running server (WEEKNIGHT_URL, default http://127.0.0.1:7070), so the page stays on one origin.
const server = process.env.WEEKNIGHT_URL ?? "http://127.0.0.1:7070";

export default defineConfig({
  plugins: [react()],
  // Built into the server package, which serves it at / (one origin, no CORS) and ships it.
  build: { outDir: "../weeknight/dist/web", emptyOutDir: true, sourcemap: true },
  server: { proxy: { "/api": { target: server, changeOrigin: false } } },
});
